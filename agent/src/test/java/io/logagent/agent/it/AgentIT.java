package io.logagent.agent.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logagent.agent.tail.Collector;
import io.logagent.agent.tail.CollectorStatus;
import io.logagent.stack.EtcdServer;
import io.logagent.stack.KafkaServer;
import io.logagent.stack.junit.RealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.logagent.agent.it.AgentFixture.WAIT;
import static io.logagent.agent.it.AgentFixture.append;
import static io.logagent.agent.it.AgentFixture.entry;
import static io.logagent.agent.it.AgentFixture.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The agent against real etcd and Kafka, configured with the seed's ini and the seed's JSON. */
@ExtendWith(RealServers.class)
class AgentIT {
    private final EtcdServer etcdServer;
    private final KafkaServer kafka;
    @TempDir
    Path dir;

    AgentIT(EtcdServer etcdServer, KafkaServer kafka) {
        this.etcdServer = etcdServer;
        this.kafka = kafka;
    }

    private AgentFixture fixture(String agentSection) throws Exception {
        return new AgentFixture("127.0.0.1:" + etcdServer.clientPort(), kafka.bootstrapServers(), dir, agentSection, "");
    }

    @Test
    void seedConfigShipsEveryAppendedLineAsOneRecordWithHeaders() throws Exception {
        try (AgentFixture f = fixture("")) {
            Path log = f.newLog("app.log");
            String topic = Topics.unique("seed");
            f.put(f.collectKey(), "[" + entry(log, topic) + "]");
            f.start().awaitCollecting(log);

            List<String> sent = lines("seed", 50);
            append(log, sent);

            List<Topics.Line> got = Topics.readAtLeast(f.bootstrap, topic, sent.size(), WAIT);
            assertThat(Topics.values(got)).containsExactlyElementsOf(sent);
            assertThat(got.getFirst().key()).as("no key, as the seed").isNull();
            assertThat(got.getFirst().headers()).containsEntry("host", f.ip).containsEntry("path", log.toString())
                    .containsEntry("offset", "0").containsKeys("file_id", "read_time");
            assertThat(got.get(1).headers()).containsEntry("offset", Integer.toString(sent.getFirst().length() + 1));

            String metrics = await().atMost(WAIT).until(() -> http(f, "/metrics").body(),
                    m -> m.contains("logagent_agent_kafka_records_sent_total{topic=\"" + topic + "\"} 50.0"));
            assertThat(metrics).contains("logagent_agent_kafka_in_flight_bytes");
            assertThat(http(f, "/health").body()).isEqualTo("ok\n");
        }
    }

    @Test
    void reloadAddsChangesAndRemovesEntriesTouchingOnlyThoseThatChanged() throws Exception {
        try (AgentFixture f = fixture("")) {
            Path a = f.newLog("a.log");
            Path b = f.newLog("b.log");
            String topicA = Topics.unique("reload-a");
            String topicB = Topics.unique("reload-b");
            f.put(f.collectKey(), "[" + entry(a, topicA) + "]");
            f.start().awaitCollecting(a);
            append(a, lines("a1", 10));

            // A second file, added while running: its lines flow without a restart.
            f.put(f.collectKey(), "[" + entry(a, topicA) + "," + entry(b, topicB) + "]");
            f.awaitCollecting(b);
            append(b, lines("b1", 10));
            assertThat(Topics.values(Topics.readAtLeast(f.bootstrap, topicB, 10, WAIT))).isEqualTo(lines("b1", 10));

            // Change b only: a's collector is the same instance and a's lines are neither lost nor repeated.
            Collector aCollector = f.created.get(a + " -> " + topicA).getFirst();
            f.put(f.collectKey(), "[" + entry(a, topicA) + ",{\"path\":\"" + b + "\",\"topic\":\"" + topicB
                    + "\",\"fields\":{\"env\":\"prod\"}}]");
            await().atMost(WAIT).until(() -> f.created.get(b + " -> " + topicB).size() == 2);
            f.awaitCollecting(b);
            append(a, lines("a2", 10));
            append(b, lines("b2", 10));
            assertThat(f.created.get(a + " -> " + topicA)).containsExactly(aCollector);
            List<String> expectedA = new java.util.ArrayList<>(lines("a1", 10));
            expectedA.addAll(lines("a2", 10));
            assertThat(Topics.values(Topics.readAtLeast(f.bootstrap, topicA, 20, WAIT))).isEqualTo(expectedA);
            List<Topics.Line> bLines = Topics.readAtLeast(f.bootstrap, topicB, 20, WAIT);
            assertThat(Topics.values(bLines).subList(10, 20)).isEqualTo(lines("b2", 10));
            assertThat(bLines.getLast().headers()).containsEntry("field.env", "prod");
            assertThat(bLines).hasSize(20);

            // Remove a: its collector stops and leaves the status.
            f.put(f.collectKey(), "[{\"path\":\"" + b + "\",\"topic\":\"" + topicB + "\",\"fields\":{\"env\":\"prod\"}}]");
            await().atMost(WAIT).until(() -> aCollector.status().state() == CollectorStatus.State.STOPPED);
            assertThat(f.agent.status().entries()).extracting(CollectorStatus::path).containsExactly(b.toString());
        }
    }

    @Test
    void invalidJsonKeepsThePreviousConfigAndShowsTheErrorInStatus() throws Exception {
        try (AgentFixture f = fixture("")) {
            Path a = f.newLog("a.log");
            String topic = Topics.unique("invalid");
            f.put(f.collectKey(), "[" + entry(a, topic) + "]");
            f.start().awaitCollecting(a);
            Collector before = f.created.get(a + " -> " + topic).getFirst();

            f.put(f.collectKey(), "[{\"path\": \"" + a + "\", \"topic\": }");
            JsonNode status = await().atMost(WAIT).until(() -> httpStatus(f), s -> !s.get("config_error").isNull());
            assertThat(status.get("config_error").asText()).contains("invalid", f.collectKey());
            assertThat(status.get("host").asText()).isEqualTo(f.ip);

            append(a, lines("still", 5));
            assertThat(Topics.values(Topics.readAtLeast(f.bootstrap, topic, 5, WAIT))).isEqualTo(lines("still", 5));
            assertThat(f.created.get(a + " -> " + topic)).containsExactly(before);
        }
    }

    @Test
    void pathsOutsideTheAllowlistAreRefusedPerEntryWhileOthersRun() throws Exception {
        try (AgentFixture f = fixture("")) {
            Path a = f.newLog("a.log");
            String topic = Topics.unique("allow");
            f.put(f.collectKey(), "[{\"path\":\"/etc/shadow\",\"topic\":\"" + topic + "\"}," + entry(a, topic) + "]");
            f.start().awaitCollecting(a);

            CollectorStatus shadow = f.agent.status().entries().stream()
                    .filter(e -> e.path().equals("/etc/shadow")).findFirst().orElseThrow();
            assertThat(shadow.state()).isEqualTo(CollectorStatus.State.ERROR);
            assertThat(shadow.lastError()).contains("outside [agent] allow_paths");
            assertThat(f.created).doesNotContainKey("/etc/shadow -> " + topic);
            JsonNode http = httpStatus(f);
            assertThat(http.get("entries").toString()).contains("/etc/shadow", "allow_paths");
        }
    }

    @Test
    void groupEntriesAreMergedAndTheHostsOwnEntryWinsOnTheSameId() throws Exception {
        try (AgentFixture f = fixture("groups=web")) {
            Path g = f.newLog("g.log");
            Path x = f.newLog("x.log");
            String topicG = Topics.unique("group-g");
            String topicX = Topics.unique("group-x");
            f.put("/logagent/groups/web/collect_config", "[" + entry(g, topicG) + ",{\"path\":\"" + x
                    + "\",\"topic\":\"" + topicX + "\",\"fields\":{\"src\":\"group\"}}]");
            f.put(f.collectKey(), "[{\"path\":\"" + x + "\",\"topic\":\"" + topicX
                    + "\",\"fields\":{\"src\":\"host\"}}]");
            f.start().awaitCollecting(g);
            f.awaitCollecting(x);

            append(g, lines("g", 3));
            append(x, lines("x", 3));
            assertThat(Topics.values(Topics.readAtLeast(f.bootstrap, topicG, 3, WAIT))).isEqualTo(lines("g", 3));
            List<Topics.Line> xs = Topics.readAtLeast(f.bootstrap, topicX, 3, WAIT);
            assertThat(xs).hasSize(3).allSatisfy(l -> assertThat(l.headers()).containsEntry("field.src", "host"));
        }
    }

    @Test
    void statusLivesInEtcdUnderALeaseAndGoesAwayOnStopWithEveryThread() throws Exception {
        AgentFixture f = fixture("");
        try {
            Path a = f.newLog("a.log");
            f.put(f.collectKey(), "[" + entry(a, Topics.unique("status")) + "]");
            f.start().awaitCollecting(a);
            String key = f.config.etcd().statusKey();
            assertThat(key).isEqualTo("/logagent/status/" + f.ip);

            io.etcd.jetcd.KeyValue kv = await().atMost(WAIT).until(() -> statusKv(f, key),
                    v -> v != null && v.getValue().toString().contains("RUNNING"));
            assertThat(kv.getLease()).as("written under a lease").isNotZero();
            JsonNode json = new ObjectMapper().readTree(kv.getValue().toString());
            assertThat(json.get("host").asText()).isEqualTo(f.ip);
            assertThat(json.get("config_revision").asLong()).isPositive();
            assertThat(json.get("entries").get(0).get("path").asText()).isEqualTo(a.toString());
            assertThat(json.has("started_at") && json.has("updated_at") && json.has("version")).isTrue();

            f.agent.stop();
            assertThat(f.agent.awaitStop(WAIT)).isTrue();
            assertThat(statusKv(f, key)).as("lease revoked on stop").isNull();
            await().atMost(WAIT).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                    .extracting(Thread::getName).noneMatch(n -> n.startsWith("logagent-")));
        } finally {
            f.etcd.close();
        }
    }

    @Test
    void aKafkaOutageWhileLinesAreWrittenLosesAndDuplicatesNothing() throws Exception {
        try (AgentFixture f = fixture("")) {
            Path a = f.newLog("a.log");
            String topic = Topics.unique("outage");
            f.put(f.collectKey(), "[" + entry(a, topic) + "]");
            f.start().awaitCollecting(a);
            append(a, lines("before", 100));
            Topics.readAtLeast(f.bootstrap, topic, 100, WAIT);

            kafka.stop();
            try {
                append(a, lines("during", 100));
            } finally {
                kafka.start();
            }
            append(a, lines("after", 100));

            List<String> expected = new java.util.ArrayList<>(lines("before", 100));
            expected.addAll(lines("during", 100));
            expected.addAll(lines("after", 100));
            assertThat(Topics.values(Topics.readAtLeast(f.bootstrap, topic, 300, Duration.ofSeconds(60))))
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void etcdUnreachableAtStartUsesTheLastKnownConfigFromDisk() throws Exception {
        Path a = java.nio.file.Files.createDirectories(dir.resolve("logs")).resolve("a.log");
        java.nio.file.Files.writeString(a, "");
        String topic = Topics.unique("offline");
        java.nio.file.Files.createDirectories(dir.resolve("data"));
        java.nio.file.Files.writeString(dir.resolve("data/last-config.json"), "[" + entry(a, topic) + "]");
        int deadPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        try (AgentFixture f = new AgentFixture("127.0.0.1:" + deadPort, kafka.bootstrapServers(), dir, "", "")) {
            f.start().awaitCollecting(a);
            assertThat(f.agent.status().configError()).contains("last known config");
            append(a, lines("offline", 5));
            assertThat(Topics.values(Topics.readAtLeast(f.bootstrap, topic, 5, WAIT))).isEqualTo(lines("offline", 5));
        }
    }

    private static io.etcd.jetcd.KeyValue statusKv(AgentFixture f, String key) throws Exception {
        List<io.etcd.jetcd.KeyValue> kvs = f.etcd.getKVClient().get(AgentFixture.bytes(key))
                .get(10, java.util.concurrent.TimeUnit.SECONDS).getKvs();
        return kvs.isEmpty() ? null : kvs.getFirst();
    }

    private static JsonNode httpStatus(AgentFixture f) throws Exception {
        return new ObjectMapper().readTree(http(f, "/status").body());
    }

    private static HttpResponse<String> http(AgentFixture f, String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + f.agent.httpAddress().orElseThrow().getPort() + path);
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            return r;
        }
    }
}
