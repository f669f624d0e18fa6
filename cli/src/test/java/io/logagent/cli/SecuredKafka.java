package io.logagent.cli;

import io.logagent.stack.KafkaCluster;
import io.logagent.stack.tls.CertificateAuthority;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;

/**
 * A secured 3-node Kafka cluster (SASL_SSL, SCRAM-SHA-512) with the least-privilege ACLs the README documents:
 * the agent writes the {@code logs-} topics, the transfer reads them in the {@code transfer-} groups and writes the
 * dead-letter topic, the console describes topics and groups and reads the dead-letter topic; {@code nobody} may log
 * in and do nothing.
 */
final class SecuredKafka implements AutoCloseable {
    static final String TOPICS = "logs-";
    static final String GROUPS = "transfer-";
    static final String DEAD_LETTER = "logagent-dead-letter";
    static final Map<String, String> USERS = Map.of("agent", "agent-pw-1", "transfer", "transfer-pw-2",
            "console", "console-pw-3", "nobody", "nobody-pw-4");

    final CertificateAuthority ca;
    final KafkaCluster cluster;

    private SecuredKafka(CertificateAuthority ca, KafkaCluster cluster) {
        this.ca = ca;
        this.cluster = cluster;
    }

    static SecuredKafka start(Path dir) {
        long begin = System.nanoTime();
        CertificateAuthority ca = CertificateAuthority.create(dir.resolve("ca"), "cluster-ca");
        KafkaCluster cluster = KafkaCluster.startSecured(dir.resolve("kafka"), ca, USERS);
        System.out.printf("secured 3-node Kafka cluster (SASL_SSL, ACLs) ready in %d ms%n",
                Duration.ofNanos(System.nanoTime() - begin).toMillis());
        cluster.allow("User:agent", ResourceType.TOPIC, TOPICS + "*", WRITE, DESCRIBE);
        cluster.allow("User:transfer", ResourceType.TOPIC, TOPICS + "*", READ, DESCRIBE);
        cluster.allow("User:transfer", ResourceType.GROUP, GROUPS + "*", READ);
        cluster.allow("User:transfer", ResourceType.TOPIC, DEAD_LETTER, WRITE, DESCRIBE);
        cluster.allow("User:console", ResourceType.TOPIC, TOPICS + "*", DESCRIBE);
        cluster.allow("User:console", ResourceType.GROUP, GROUPS + "*", DESCRIBE);
        cluster.allow("User:console", ResourceType.TOPIC, DEAD_LETTER, READ, DESCRIBE); // the dead-letter view
        cluster.createTopic(DEAD_LETTER, 1);
        return new SecuredKafka(ca, cluster);
    }

    String bootstrap() {
        return cluster.bootstrapServers();
    }

    /** The {@code [kafka]} security keys of an ini for {@code user}, trusting {@code caPem}. */
    String iniKeys(String user, String password, Path caPem) {
        return """
                security_protocol=SASL_SSL
                sasl_mechanism=SCRAM-SHA-512
                username=%s
                password=%s
                ssl_ca_file=%s
                """.formatted(user, password, caPem);
    }

    String iniKeys(String user) {
        return iniKeys(user, USERS.get(user), ca.certPem());
    }

    /** Client properties of {@code user} for direct Kafka clients in assertions. */
    Map<String, Object> clientProperties(String user) {
        Map<String, Object> p = new HashMap<>();
        p.put("bootstrap.servers", bootstrap());
        p.put("security.protocol", "SASL_SSL");
        p.put("sasl.mechanism", "SCRAM-SHA-512");
        p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user + "\" password=\"" + USERS.get(user).replace("\"", "\\\"") + "\";");
        p.put("ssl.truststore.type", "PEM");
        p.put("ssl.truststore.location", ca.certPem().toString());
        return p;
    }

    /** A topic the ACLs cover, replication factor 3. */
    String topic(String name, int partitions) {
        cluster.createTopic(TOPICS + name, partitions);
        return TOPICS + name;
    }

    void allow(String principal, ResourceType type, String name, AclOperation... ops) {
        cluster.allow(principal, type, name, ops);
    }

    /** Sum of the group's committed offsets on {@code topic} (records stored or dead-lettered). */
    long committed(String group, String topic) throws Exception {
        try (Admin admin = Admin.create(cluster.superUserProperties())) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                    .entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    /** Records of {@code topic} the group has not committed yet. */
    long lag(String group, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(cluster.superUserProperties())) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int i = 0; i < partitions; i++) {
                latest.put(new TopicPartition(topic, i), OffsetSpec.latest());
            }
            long end = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
            return end - committed(group, topic);
        }
    }

    @Override
    public void close() {
        cluster.close();
    }
}
