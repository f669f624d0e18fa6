package io.logagent.stack;

import io.logagent.stack.tls.CertificateAuthority;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A secured 3-node cluster: SCRAM users made at format time, ACLs enforced, replication factor 3 with
 * min.insync.replicas 2, so a write survives the SIGKILL of the partition leader and the node comes back.
 */
class KafkaClusterTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;
    private static KafkaCluster cluster;

    @BeforeAll
    static void startCluster() {
        long begin = System.nanoTime();
        CertificateAuthority ca = CertificateAuthority.create(dir.resolve("ca"), "test-ca");
        cluster = KafkaCluster.startSecured(dir.resolve("kafka"), ca, Map.of("alice", "alice-pw", "bob", "bob-pw"));
        System.out.printf("secured 3-node Kafka cluster ready in %d ms%n",
                Duration.ofNanos(System.nanoTime() - begin).toMillis());
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static KafkaProducer<String, String> producer(String user, String password) {
        Map<String, Object> p = new HashMap<>(cluster.superUserProperties());
        p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user + "\" password=\"" + password + "\";");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.remove("default.api.timeout.ms");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    @Test
    void usersWriteOnlyWhereAnAclAllowsAndWrongPasswordsAreRefused() throws Exception {
        cluster.createTopic("acl-topic", 1);
        cluster.allow("User:alice", ResourceType.TOPIC, "acl-*", AclOperation.WRITE, AclOperation.DESCRIBE);
        Thread.sleep(500); // ACLs reach every broker through the metadata log
        try (KafkaProducer<String, String> alice = producer("alice", "alice-pw")) {
            assertThat(alice.send(new ProducerRecord<>("acl-topic", "hello")).get(30, TimeUnit.SECONDS).offset()).isZero();
        }
        try (KafkaProducer<String, String> bob = producer("bob", "bob-pw")) {
            assertThatThrownBy(() -> bob.send(new ProducerRecord<>("acl-topic", "no")).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        try (KafkaProducer<String, String> wrong = producer("alice", "not-her-password")) {
            assertThatThrownBy(() -> wrong.send(new ProducerRecord<>("acl-topic", "no")).get(30, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void theLeaderKilledLosesNoAcknowledgedWriteAndComesBackOnItsPortsAndData() throws Exception {
        cluster.createTopic("kill-topic", 1);
        try (Admin admin = Admin.create(cluster.superUserProperties())) {
            assertThat(admin.describeTopics(List.of("kill-topic")).allTopicNames().get().get("kill-topic")
                    .partitions().get(0).replicas()).hasSize(3);
        }
        int leader = cluster.leaderOf("kill-topic", 0);
        assertThat(leader).isBetween(1, 3);
        String bootstrapBefore = cluster.node(leader).bootstrapServers();
        try (KafkaProducer<String, String> broker = producer(KafkaNode.Security.BROKER_USER,
                cluster.security().orElseThrow().users().get(KafkaNode.Security.BROKER_USER))) {
            broker.send(new ProducerRecord<>("kill-topic", "before")).get(30, TimeUnit.SECONDS);
            cluster.kill(leader);
            assertThat(cluster.node(leader).isRunning()).isFalse();
            long begin = System.nanoTime();
            assertThat(broker.send(new ProducerRecord<>("kill-topic", "during")).get(60, TimeUnit.SECONDS).offset())
                    .isEqualTo(1);
            System.out.printf("write acknowledged %d ms after the leader was killed%n",
                    Duration.ofNanos(System.nanoTime() - begin).toMillis());
            int newLeader = cluster.leaderOf("kill-topic", 0);
            assertThat(newLeader).isNotEqualTo(leader).isPositive();

            begin = System.nanoTime();
            cluster.start(leader);
            System.out.printf("killed node back in %d ms%n", Duration.ofNanos(System.nanoTime() - begin).toMillis());
            assertThat(cluster.node(leader).bootstrapServers()).isEqualTo(bootstrapBefore);
            assertThat(broker.send(new ProducerRecord<>("kill-topic", "after")).get(30, TimeUnit.SECONDS).offset())
                    .isEqualTo(2);
        }
    }
}
