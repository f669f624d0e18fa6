package io.logagent.cli.check;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Whether Kafka answers with the settings a component would use, and which topics exist. */
final class KafkaProbe implements AutoCloseable {
    private final Admin admin;

    /**
     * @param adminProperties the component's own admin-client connection (bootstrap servers, the {@code [kafka]}
     *                        security keys, its pass-through section), as the component itself builds it; the
     *                        check replaces only the client id and the timeouts
     */
    KafkaProbe(Map<String, Object> adminProperties) {
        Map<String, Object> p = new HashMap<>(adminProperties);
        int timeout = (int) CheckReport.TIMEOUT.toMillis();
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "logagent-check-config");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
        this.admin = Admin.create(p);
    }

    /** "N broker(s), cluster ID" or an exception. */
    String cluster() throws Exception {
        DescribeClusterResult c = admin.describeCluster();
        long timeout = CheckReport.TIMEOUT.toMillis();
        int nodes = c.nodes().get(timeout, TimeUnit.MILLISECONDS).size();
        return nodes + (nodes == 1 ? " broker" : " brokers") + ", cluster " + c.clusterId().get(timeout, TimeUnit.MILLISECONDS);
    }

    /** The partition count of each topic that exists; empty for a topic that does not. */
    Map<String, Optional<Integer>> partitions(Collection<String> topics) throws Exception {
        Map<String, Optional<Integer>> out = new HashMap<>();
        var futures = admin.describeTopics(topics).topicNameValues();
        for (var e : futures.entrySet()) {
            try {
                TopicDescription d = e.getValue().get(CheckReport.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                out.put(e.getKey(), Optional.of(d.partitions().size()));
            } catch (ExecutionException ex) {
                if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw ex;
                }
                out.put(e.getKey(), Optional.empty());
            }
        }
        return out;
    }

    /** Topic names the cluster has (for the transfer's topic_pattern). */
    Collection<String> topicNames() throws Exception {
        return admin.listTopics().names().get(CheckReport.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(1));
    }
}
