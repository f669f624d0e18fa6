package io.logagent.agent.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logagent.agent.tail.Collector;
import io.logagent.core.status.CollectorStatus;
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
            long startedAt = System.currentTimeMillis();
            append(log, sent);

            List<Topics.Line> got = Topics.readAtLeast(f.bootstrap, topic, sent.size(), WAIT);
            assertThat(Topics.values(got)).containsExactlyElementsOf(sent);
            assertThat(got.getFirst().key()).as("no key, as the seed").isNull();
            assertThat(got.getFirst().headers()).containsEntry("host", f.ip).containsEntry("path", log.toString())
                    .containsEntry("offset", "0").containsKey("file_id").doesNotContainKey("read_time");
            assertThat(got.getFirst().timestamp()).as("the read time, as the record's timestamp")
                    .isBetween(startedAt, System.currentTimeMillis());
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

            // Change b only: a's collector is the same instance, a's offsets in the registry do not move, and a's lines
            // are neither lost nor repeated.
            Collector aCollector = f.created.get(a + " -> " + topicA).getFirst();
            String aId = a + " -> " + topicA;
            long aSize = java.nio.file.Files.size(a);
            String aFile = await().atMost(WAIT).until(() -> aCollector.status().files().getFirst(),
                    s -> s.offset() == aSize).fileId();
            var aOffsetsBefore = await().atMost(WAIT).until(() -> f.registry.get(aId, aFile).orElse(null),
                    st -> st != null && st.offset() == aSize);
            f.put(f.collectKey(), "[" + entry(a, topicA) + ",{\"path\":\"" + b + "\",\"topic\":\"" + topicB
                    + "\",\"fields\":{\"env\":\"prod\"}}]");
            await().atMost(WAIT).until(() -> f.created.get(b + " -> " + topicB).size() == 2);
            f.awaitCollecting(b);
            assertThat(f.registry.get(aId, aFile)).as("a's registry state across b's reload").contains(aOffsetsBefore);
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

    /**
     * Kafka stops while lines keep coming (6,000 lines, more than either budget): what is in flight never exceeds the
     * configured budgets (1,000 records, 1 MiB), the file falls behind instead (bytes_behind keeps growing), and after
     * Kafka is back every line arrives once, in order.
     */
    @Test
    void aKafkaOutageKeepsMemoryBoundedAndLosesAndDuplicatesNothing() throws Exception {
        int maxRecords = 1000;
        long maxBytes = 1 << 20;
        try (AgentFixture f = new AgentFixture("127.0.0.1:" + etcdServer.clientPort(), kafka.bootstrapServers(), dir,
                "chan_max_size=" + maxRecords + "\nmax_in_flight_bytes=" + maxBytes, "", "")) {
            Path a = f.newLog("a.log");
            String topic = Topics.unique("outage");
            f.put(f.collectKey(), "[" + entry(a, topic) + "]");
            f.start().awaitCollecting(a);
            append(a, lines("before", 100));
            Topics.readAtLeast(f.bootstrap, topic, 100, WAIT);

            List<String> during = lines("during " + "x".repeat(300), 6000); // ~2 MB: more than either budget
            InFlightSampler sampler = new InFlightSampler(f.agent.meters());
            kafka.stop();
            try {
                sampler.start();
                append(a, during.subList(0, 3000));
                long behind1 = await().atMost(WAIT).until(() -> fileOf(f, a).bytesBehind(), b -> b > 0);
                append(a, during.subList(3000, 6000));
                await().atMost(WAIT).until(() -> fileOf(f, a).bytesBehind() > behind1);
            } finally {
                sampler.stop();
                kafka.start();
            }
            // Either limit may be what holds the harvester back: the budget (reached when the producer still knows the
            // topic's partitions) or the producer's own metadata wait in send() (when it no longer does); both pause
            // the harvester rather than buffer, and neither may let more than the budget be in flight.
            assertThat(sampler.maxRecords).as("records in flight").isPositive().isLessThanOrEqualTo(maxRecords);
            assertThat(sampler.maxBytes).as("bytes in flight").isLessThanOrEqualTo(maxBytes);
            append(a, lines("after", 100));

            List<String> expected = new java.util.ArrayList<>(lines("before", 100));
            expected.addAll(during);
            expected.addAll(lines("after", 100));
            assertThat(Topics.values(Topics.readAtLeast(f.bootstrap, topic, expected.size(), Duration.ofSeconds(60))))
                    .containsExactlyElementsOf(expected);
        }
    }

    /** Two entries reading one file to two topics each have their own offset: both ship every line, once. */
    @Test
    void twoEntriesOnTheSameFileEachShipEveryLineAcrossARestart() throws Exception {
        try (AgentFixture f = fixture("")) {
            Path a = f.newLog("a.log");
            String fast = Topics.unique("same-file-fast");
            String slow = Topics.unique("same-file-slow");
            // The slow entry is rate limited, so at the stop below the two entries are at different offsets.
            f.put(f.collectKey(), "[" + entry(a, fast) + ",{\"path\":\"" + a + "\",\"topic\":\"" + slow
                    + "\",\"rate_limit\":50}]");
            f.start();
            await().atMost(WAIT).until(() -> f.agent.status().entries().stream()
                    .filter(e -> e.state() == CollectorStatus.State.RUNNING && !e.files().isEmpty()).count() == 2);
            List<String> sent = lines("same", 200);
            append(a, sent);
            assertThat(Topics.values(Topics.readAtLeast(f.bootstrap, fast, 200, WAIT))).isEqualTo(sent);
            Topics.readAtLeast(f.bootstrap, slow, 30, WAIT);
            f.agent.stop();
            assertThat(f.agent.awaitStop(WAIT)).isTrue();

            f.start();
            assertThat(Topics.values(Topics.readAtLeast(f.bootstrap, slow, 200, WAIT))).isEqualTo(sent);
            assertThat(Topics.values(Topics.readAtLeast(f.bootstrap, fast, 200, WAIT)))
                    .as("the fast entry resumed at its own offset, not the slow one's").isEqualTo(sent);
        }
    }

    /** A symlink inside allow_paths pointing outside is refused when opened, visibly; one pointing inside works. */
    @Test
    void aSymlinkInsideAllowPathsToAFileOutsideIsRefused() throws Exception {
        try (AgentFixture f = fixture("")) {
            Path secret = java.nio.file.Files.createDirectories(dir.resolve("outside")).resolve("shadow");
            java.nio.file.Files.writeString(secret, "root:secret\n");
            Path evil = java.nio.file.Files.createSymbolicLink(f.logs.resolve("evil.log"), secret);
            Path real = f.newLog("real.log");
            Path good = java.nio.file.Files.createSymbolicLink(f.logs.resolve("good.log"), real);
            String evilTopic = Topics.unique("symlink-evil");
            String goodTopic = Topics.unique("symlink-good");
            f.put(f.collectKey(), "[{\"path\":\"" + evil + "\",\"topic\":\"" + evilTopic
                    + "\",\"from\":\"beginning\"}," + entry(good, goodTopic) + "]");
            f.start().awaitCollecting(good);

            CollectorStatus refused = await().atMost(WAIT).until(() -> f.agent.status().entries().stream()
                    .filter(e -> e.path().equals(evil.toString())).findFirst().orElse(null),
                    e -> e != null && e.state() == CollectorStatus.State.ERROR);
            assertThat(refused.lastError()).contains(evil.toString(), secret.toString(), "outside [agent] allow_paths");
            assertThat(refused.files()).as("nothing opened").isEmpty();
            assertThat(httpStatus(f).get("entries").toString()).contains("resolves to");

            append(real, lines("good", 5));
            assertThat(Topics.values(Topics.readAtLeast(f.bootstrap, goodTopic, 5, WAIT))).isEqualTo(lines("good", 5));
            assertThat(f.agent.meters().find("logagent.agent.kafka.records.sent").tag("topic", evilTopic).counter())
                    .as("nothing of the secret shipped").isNull();
        }
    }

    /**
     * Hostile input end to end with the default max_line_bytes and a broker with Kafka's default 1 MiB limits: a
     * 5 MiB line arrives cut with its original length; a line of exactly max_line_bytes of incompressible bytes
     * and a line of every byte value arrive byte for byte.
     */
    @Test
    void hugeAndBinaryLinesArriveCutOrByteForByte() throws Exception {
        try (AgentFixture f = fixture("")) {
            Path a = f.newLog("a.log");
            String topic = Topics.unique("hostile");
            f.put(f.collectKey(), "[" + entry(a, topic) + "]");
            f.start().awaitCollecting(a);

            int max = f.config.tail().maxLineBytes();
            assertThat(max).isEqualTo(io.logagent.agent.tail.TailSettings.DEFAULT_MAX_LINE_BYTES);
            java.util.Random random = new java.util.Random(42);
            byte[] huge = noNewlines(random, 5 << 20);
            byte[] exact = noNewlines(random, max);
            byte[] binary = new byte[255 * 4];
            for (int i = 0; i < binary.length; i++) {
                int b = i % 256;
                binary[i] = (byte) (b == '\n' ? 255 : b); // every value but the line end; \r, NUL, invalid UTF-8
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (byte[] line : List.of(huge, exact, binary, "tail".getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
                out.write(line);
                out.write('\n');
            }
            java.nio.file.Files.write(a, out.toByteArray(), java.nio.file.StandardOpenOption.APPEND);

            List<Topics.Line> got = Topics.readAtLeast(f.bootstrap, topic, 4, Duration.ofSeconds(60));
            assertThat(got).hasSize(4);
            assertThat(got.get(0).bytes()).isEqualTo(java.util.Arrays.copyOf(huge, max));
            assertThat(got.get(0).headers()).containsEntry("truncated", Integer.toString(huge.length));
            assertThat(got.get(1).bytes()).isEqualTo(exact);
            assertThat(got.get(1).headers()).doesNotContainKey("truncated");
            assertThat(got.get(2).bytes()).isEqualTo(binary);
            assertThat(got.get(3).value()).isEqualTo("tail");
            assertThat(f.agent.status().entries().getFirst().state()).isEqualTo(CollectorStatus.State.RUNNING);
        }
    }

    private static byte[] noNewlines(java.util.Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                bytes[i] = 'x'; // a \r before the \n would be dropped as a Windows line end
            }
        }
        return bytes;
    }

    private static CollectorStatus.FileStatus fileOf(AgentFixture f, Path path) {
        return f.agent.status().entries().stream().filter(e -> e.path().equals(path.toString()))
                .flatMap(e -> e.files().stream()).findFirst().orElseThrow();
    }

    /** Polls the shipper's in-flight gauges on its own thread and keeps their highest values. */
    private static final class InFlightSampler {
        private final io.micrometer.core.instrument.MeterRegistry meters;
        private final Thread thread = new Thread(this::run, "test-in-flight-sampler");
        private volatile boolean running = true;
        volatile double maxRecords;
        volatile double maxBytes;

        InFlightSampler(io.micrometer.core.instrument.MeterRegistry meters) {
            this.meters = meters;
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        private void run() {
            while (running) {
                maxRecords = Math.max(maxRecords, meters.get("logagent.agent.kafka.in.flight.records").gauge().value());
                maxBytes = Math.max(maxBytes, meters.get("logagent.agent.kafka.in.flight.bytes").gauge().value());
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
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
