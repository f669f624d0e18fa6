package io.logagent.agent.ship;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Answers {@link TopicCatalog} deterministically with an {@link Admin} client instead of guessing from a metadata
 * timeout: "does the topic exist" is {@code describeTopics}; when it does not, the broker's own
 * {@code auto.create.topics.enable} decides whether the producer's first metadata request will create it (then the
 * producer is asked, which creates it) or whether the entry must go to ERROR now. Any Admin call that does not
 * answer within {@code timeout} means Kafka is unreachable (retriable).
 *
 * <p>With an authorizer on the brokers, a topic the agent may see but not write fails at once (a
 * {@link TopicAuthorizationException}, told apart by the broker's authorized operations) instead of at the first
 * record. If the broker's configuration cannot be read (no DESCRIBE_CONFIGS permission), auto-creation is assumed and
 * the producer's metadata wait ({@code max.block.ms}) decides: a topic still missing afterwards is reported missing.
 */
public final class KafkaTopicCatalog implements TopicCatalog {
    private static final Logger log = LoggerFactory.getLogger(KafkaTopicCatalog.class);
    private static final String AUTO_CREATE = "auto.create.topics.enable";

    private final Admin admin;
    private final Producer<byte[], byte[]> producer;
    private final Duration timeout;

    /** @param producer the shipper's producer: its metadata request is what auto-creates a topic */
    public KafkaTopicCatalog(Admin admin, Producer<byte[], byte[]> producer, Duration timeout) {
        this.admin = admin;
        this.producer = producer;
        this.timeout = timeout;
    }

    @Override
    public int partitions(String topic) throws InterruptedException {
        Integer existing = describe(topic);
        if (existing != null) {
            return existing;
        }
        if (!brokerAutoCreates()) {
            throw new UnknownTopicOrPartitionException("topic '" + topic + "' does not exist and the broker does not "
                    + "create topics (" + AUTO_CREATE + "=false): create it, the entry retries on its own");
        }
        // One line instead of the producer's metadata warnings while the broker creates it (KafkaNoiseFilter).
        log.info("creating topic '{}' on first use (the broker's {} is on)", topic, AUTO_CREATE);
        try {
            return producer.partitionsFor(topic).size(); // its metadata request creates the topic
        } catch (InterruptException e) {
            throw new InterruptedException("interrupted while waiting for topic " + topic);
        } catch (TimeoutException e) {
            if (describe(topic) == null) { // Kafka answers, yet the topic was not created: not allowed to
                throw new UnknownTopicOrPartitionException("topic '" + topic + "' does not exist and was not created"
                        + " on first use: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /** The partition count, or null when Kafka says the topic does not exist. */
    private Integer describe(String topic) throws InterruptedException {
        try {
            TopicDescription d = await(admin.describeTopics(List.of(topic),
                    new DescribeTopicsOptions().includeAuthorizedOperations(true)).topicNameValues().get(topic));
            Set<AclOperation> allowed = d.authorizedOperations();
            if (allowed != null && !allowed.contains(AclOperation.WRITE) && !allowed.contains(AclOperation.ALL)) {
                throw new TopicAuthorizationException(Set.of(topic));
            }
            return d.partitions().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return null;
            }
            if (e.getCause() instanceof TopicAuthorizationException) { // the admin client's names no topic
                throw new TopicAuthorizationException(Set.of(topic));
            }
            throw unreachableOr(e);
        }
    }

    private boolean brokerAutoCreates() throws InterruptedException {
        try {
            Collection<Node> nodes = await(admin.describeCluster().nodes());
            if (nodes.isEmpty()) {
                throw new TimeoutException("no broker in the cluster's metadata");
            }
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, nodes.iterator().next().idString());
            Config config = await(admin.describeConfigs(List.of(broker)).values().get(broker));
            ConfigEntry entry = config.get(AUTO_CREATE);
            return entry == null || Boolean.parseBoolean(entry.value());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException t) {
                throw t;
            }
            log.warn("cannot read the broker's {} ({}); assuming topics are created on first use", AUTO_CREATE,
                    e.getCause().toString());
            return true;
        }
    }

    private <T> T await(Future<T> future) throws InterruptedException, ExecutionException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            future.cancel(true);
            throw new TimeoutException("Kafka did not answer within " + timeout);
        }
    }

    /** A timeout stays a (retriable) timeout; anything else (e.g. authorization) is fatal for the entry. */
    private static RuntimeException unreachableOr(ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
            return r;
        }
        return new KafkaException(e.getCause());
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    @Override
    public void close(Duration wait) {
        admin.close(wait);
    }
}
