package io.logagent.agent.it;

import io.logagent.core.status.CollectorStatus;
import io.logagent.stack.EtcdServer;
import io.logagent.stack.KafkaServer;
import io.logagent.stack.junit.RealServers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.logagent.agent.it.AgentFixture.WAIT;
import static io.logagent.agent.it.AgentFixture.append;
import static io.logagent.agent.it.AgentFixture.entry;
import static io.logagent.agent.it.AgentFixture.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A broker of its own with {@code auto.create.topics.enable=false} (the shared one creates topics on first use):
 * an entry whose topic does not exist goes to ERROR with the reason while the other entry keeps shipping, and
 * heals once the topic is created.
 */
@ExtendWith(RealServers.class)
class UnknownTopicIT {
    private static KafkaServer strictKafka;
    private final EtcdServer etcdServer;
    @TempDir
    Path dir;

    UnknownTopicIT(EtcdServer etcdServer) {
        this.etcdServer = etcdServer;
    }

    @BeforeAll
    static void startStrictBroker() throws Exception {
        Path base = Path.of(System.getProperty("logagent.build.dir", "target"), "real-servers").toAbsolutePath();
        Files.createDirectories(base);
        strictKafka = KafkaServer.start(Files.createTempDirectory(base, "kafka-no-auto-create-"),
                Map.of("auto.create.topics.enable", "false"));
    }

    @AfterAll
    static void stopStrictBroker() {
        if (strictKafka != null) {
            strictKafka.close();
        }
    }

    @Test
    void aMissingTopicPutsOnlyItsEntryIntoErrorUntilTheTopicIsCreated() throws Exception {
        String existing = Topics.unique("exists");
        String missing = Topics.unique("missing");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                strictKafka.bootstrapServers()));
             AgentFixture f = new AgentFixture("127.0.0.1:" + etcdServer.clientPort(), strictKafka.bootstrapServers(),
                     dir, "", "")) {
            admin.createTopics(List.of(new NewTopic(existing, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            Path good = f.newLog("good.log");
            Path bad = f.newLog("bad.log");
            f.put(f.collectKey(), "[" + entry(good, existing) + "," + entry(bad, missing) + "]");
            f.start().awaitCollecting(good);
            f.awaitCollecting(bad);

            append(bad, lines("waiting", 5));
            append(good, lines("good", 5));
            CollectorStatus error = await().atMost(WAIT).until(() -> status(f, bad),
                    s -> s.state() == CollectorStatus.State.ERROR);
            assertThat(error.lastError()).contains(missing, "does not exist", "auto.create.topics.enable=false");
            assertThat(Topics.values(Topics.readAtLeast(f.bootstrap, existing, 5, WAIT))).isEqualTo(lines("good", 5));
            assertThat(status(f, good).state()).isEqualTo(CollectorStatus.State.RUNNING);
            String inEtcd = await().atMost(WAIT).until(() -> statusInEtcd(f), s -> s.contains("does not exist"));
            assertThat(inEtcd).contains("ERROR", missing);

            // Creating the topic heals the entry: its backoff ends, it reads again from its acknowledged offset.
            admin.createTopics(List.of(new NewTopic(missing, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            assertThat(Topics.values(Topics.readAtLeast(f.bootstrap, missing, 5, Duration.ofSeconds(60))))
                    .isEqualTo(lines("waiting", 5));
            await().atMost(WAIT).until(() -> status(f, bad).state() == CollectorStatus.State.RUNNING);
        }
    }

    private static CollectorStatus status(AgentFixture f, Path path) {
        return f.agent.status().entries().stream().filter(e -> e.path().equals(path.toString())).findFirst()
                .orElseThrow();
    }

    private static String statusInEtcd(AgentFixture f) throws Exception {
        var kvs = f.etcd.getKVClient().get(AgentFixture.bytes(f.config.etcd().statusKey())).get(10, TimeUnit.SECONDS)
                .getKvs();
        return kvs.isEmpty() ? "" : kvs.getFirst().getValue().toString();
    }
}
