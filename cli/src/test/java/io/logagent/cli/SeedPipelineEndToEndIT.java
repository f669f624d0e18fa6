package io.logagent.cli;

import io.logagent.core.time.Deadline;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.logagent.agent.Agent;
import io.logagent.agent.config.AgentConfig;
import io.logagent.agent.config.HostAddress;
import io.logagent.console.Api;
import io.logagent.console.ConsoleServer;
import io.logagent.console.config.ConsoleConfig;
import io.logagent.core.event.LogHeaders;
import io.logagent.core.ini.IniFile;
import io.logagent.stack.EtcdServer;
import io.logagent.stack.KafkaServer;
import io.logagent.stack.OpenSearchServer;
import io.logagent.stack.junit.RealServers;
import io.logagent.transfer.TransferService;
import io.logagent.transfer.config.TransferConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.logagent.console.Api.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seed project's pipeline on the real servers: the seed's ini and the seed's etcd JSON → lines appended to a
 * file reach Kafka one record per line and become searchable through the console API; adding a second file in
 * etcd makes its lines flow without a restart; removing an entry stops its tailer. With {@code [etcd] address}, a
 * topic added in the console is consumed by the transfer without any ini edit.
 */
@ExtendWith(RealServers.class)
class SeedPipelineEndToEndIT {
    private static final String IP = "10.99.0.7";
    private static final String ZERO_TOUCH_IP = "10.97.0.3";
    /** The bound from "saved in the console" to "searchable". */
    private static final Duration SEARCHABLE_WITHIN = Duration.ofSeconds(10);
    private static final String ADMIN_PASSWORD = "e2e-" + UUID.randomUUID();

    private final EtcdServer etcd;
    private final KafkaServer kafka;
    private final OpenSearchServer openSearch;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Lifecycle> running = new ArrayList<>();

    SeedPipelineEndToEndIT(EtcdServer etcd, KafkaServer kafka, OpenSearchServer openSearch) {
        this.etcd = etcd;
        this.kafka = kafka;
        this.openSearch = openSearch;
    }

    @AfterEach
    void stopComponents() throws InterruptedException {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).stop(Deadline.after(Duration.ofSeconds(30), Clock.systemUTC()));
            assertThat(running.get(i).awaitStop(Duration.ofSeconds(30))).as("component stopped in time").isTrue();
        }
    }

    @Test
    void seedConfigToSearchableLinesWithHotReload(@TempDir Path tmp) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String webTopic = "web_log_" + suffix;
        String appTopic = "app_log_" + suffix;
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Path access = logs.resolve("nginx/access.log");
        Path app = logs.resolve("app/app.log");
        Files.createDirectories(access.getParent());
        Files.createDirectories(app.getParent());

        // The seed's conf/config.ini, byte for byte but for the addresses, plus our [agent] section.
        Path agentIni = write(tmp.resolve("config.ini"), """
                [kafka]
                address=%s
                chan_max_size=100000
                [etcd]
                address=%s
                timeout=5
                collect_log_key=/logAgent/%%s/collect_config
                [agent]
                data_dir=%s
                allow_paths=%s/**
                """.formatted(kafka.bootstrapServers(), etcd.endpoint().replace("http://", ""), tmp.resolve("agent"), logs));
        Path transferIni = write(tmp.resolve("transfer.ini"), """
                [kafka]
                address=%s
                topic=%s,%s
                group_id=e2e-%s
                [es]
                address=%s
                chan_size=100000
                nums=4
                flush_interval_ms=200
                """.formatted(kafka.bootstrapServers(), webTopic, appTopic, suffix, openSearch.httpUrl()));
        Path consoleIni = write(tmp.resolve("console.ini"),
                consoleIni(tmp.resolve("console"), "collect_log_key=/logAgent/%s/collect_config\n"));

        String key = "/logAgent/" + IP + "/collect_config";
        putEtcd(key, "[{\"path\":\"" + access + "\",\"topic\":\"" + webTopic + "\"}]");

        Clock clock = Clock.systemUTC();
        start(TransferCommand.adapt(TransferService.create(TransferConfig.load(transferIni), clock)));
        Agent agent = Agent.create(AgentConfig.load(agentIni, IP), clock);
        start(AgentCommand.adapt(agent));
        ConsoleServer console = ConsoleServer.create(ConsoleConfig.load(consoleIni), clock);
        start(ConsoleCommand.adapt(console));

        // 1. Lines of a file that appears while the agent runs: one record each, raw value, headers.
        List<String> accessLines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            accessLines.add("10.0.0." + i + " - - [30/Nov/2026:06:13:" + String.format("%02d", i) + " +0000] \"GET /e2e-"
                    + suffix + "/" + i + " HTTP/1.1\" 200 " + (100 + i));
        }
        append(access, accessLines);
        try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), webTopic)) {
            List<ConsumerRecord<byte[], byte[]>> records = reader.readAtLeast(40, Duration.ofSeconds(60));
            assertThat(records).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .containsExactlyElementsOf(accessLines);
            ConsumerRecord<byte[], byte[]> first = records.get(0);
            assertThat(first.key()).as("no key, like the seed").isNull();
            assertThat(header(first, LogHeaders.HOST)).isEqualTo(IP);
            assertThat(header(first, LogHeaders.PATH)).isEqualTo(access.toString());
            assertThat(header(first, LogHeaders.OFFSET)).isEqualTo("0");
            assertThat(header(records.get(1), LogHeaders.OFFSET))
                    .isEqualTo(Integer.toString(accessLines.get(0).length() + 1));
        }
        // ... and searchable through the console, newest first.
        JsonNode found = awaitSearch(console, "topic:" + webTopic, 40);
        assertThat(found.get("hits").get(0).get("message").asText()).isEqualTo(accessLines.get(39));
        assertThat(found.get("hits").get(0).get("host").asText()).isEqualTo(IP);
        assertThat(found.get("hits").get(0).get("path").asText()).isEqualTo(access.toString());

        // 2. Add a second file in etcd: its lines flow without restarting anything.
        putEtcd(key, "[{\"path\":\"" + access + "\",\"topic\":\"" + webTopic + "\"},"
                + "{\"path\":\"" + app + "\",\"topic\":\"" + appTopic + "\"}]");
        await().atMost(Duration.ofSeconds(20)).until(() -> agent.status().entries().size() == 2);
        List<String> appLines = List.of("2026-11-30 06:13:00,001 INFO app started " + suffix,
                "2026-11-30 06:13:00,002 WARN disk almost full " + suffix);
        append(app, appLines);
        JsonNode appHits = awaitSearch(console, "topic:" + appTopic, 2);
        assertThat(appHits.get("hits")).extracting(h -> h.get("message").asText())
                .containsExactlyInAnyOrderElementsOf(appLines);

        // 3. Remove the first entry: its tailer stops, later lines of its file are not shipped.
        putEtcd(key, "[{\"path\":\"" + app + "\",\"topic\":\"" + appTopic + "\"}]");
        await().atMost(Duration.ofSeconds(20)).until(() -> agent.status().entries().size() == 1);
        append(access, List.of("after removal " + suffix));
        append(app, List.of("marker after removal " + suffix));
        awaitSearch(console, "topic:" + appTopic, 3);
        try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), webTopic)) {
            assertThat(reader.readAtLeast(40, Duration.ofSeconds(30))).hasSize(40);
        }
    }

    /**
     * Zero-touch topics, as a new user would try it: the transfer has {@code [etcd] address} and no topic list; a
     * new entry with a new topic saved through the console's API is searchable through {@code /api/search} within
     * 10 s, with no restart and no ini edited.
     */
    @Test
    void aTopicAddedInTheConsoleIsSearchableWithinTenSecondsWithoutRestartOrIniEdit(@TempDir Path tmp)
            throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        // A key root of its own: other tests' collect configs in the shared etcd are not this transfer's business.
        String keys = """
                collect_log_key=/zt-%1$s/%%s/collect_config
                group_key=/zt-%1$s/groups/%%s/collect_config
                """.formatted(suffix);
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Path first = logs.resolve("first.log");
        Path extra = logs.resolve("extra/new.log");
        String firstTopic = "first_log_" + suffix;
        String newTopic = "extra_log_" + suffix;

        Clock clock = Clock.systemUTC();
        TransferService transfer = TransferService.create(TransferConfig.from(ini("transfer.ini", """
                [kafka]
                address=%s
                group_id=zt-%s
                [es]
                address=%s
                nums=2
                flush_interval_ms=200
                [etcd]
                address=%s
                %s""".formatted(kafka.bootstrapServers(), suffix, openSearch.httpUrl(), etcd.endpoint(), keys))),
                clock);
        start(TransferCommand.adapt(transfer));
        start(AgentCommand.adapt(Agent.create(AgentConfig.from(ini("agent.ini", """
                [kafka]
                address=%s
                [etcd]
                address=%s
                %s
                [agent]
                data_dir=%s
                allow_paths=%s/**
                """.formatted(kafka.bootstrapServers(), etcd.endpoint(), keys, tmp.resolve("agent"), logs)), ZERO_TOUCH_IP,
                new HostAddress()), clock)));
        ConsoleServer console = ConsoleServer.create(ConsoleConfig.from(ini("console.ini",
                consoleIni(tmp.resolve("console"), keys)), Map.of()), clock);
        start(ConsoleCommand.adapt(console));

        try (Api admin = new Api(console.port()).basic("admin", ADMIN_PASSWORD)) {
            // The first entry, saved in the console: the pipeline is up (groups joined, index template in place).
            String one = "[" + entry(first, firstTopic) + "]";
            Api.Response saved = admin.put("/api/hosts/" + ZERO_TOUCH_IP + "/config", map("value", one, "expectedRevision", 0));
            assertThat(saved.status()).as(saved.body()).isEqualTo(200);
            append(first, List.of("first line " + suffix, "second line " + suffix));
            awaitSearch(console, "topic:" + firstTopic, 2);

            // A new entry with a topic nobody has named before, added the way a user does it.
            long revision = admin.get("/api/hosts/" + ZERO_TOUCH_IP + "/config").json().path("revision").asLong();
            String two = "[" + entry(first, firstTopic) + "," + entry(logs.resolve("extra/*.log"), newTopic) + "]";
            long t0 = System.nanoTime();
            saved = admin.put("/api/hosts/" + ZERO_TOUCH_IP + "/config", map("value", two, "expectedRevision", revision));
            assertThat(saved.status()).as(saved.body()).isEqualTo(200);
            Files.createDirectories(extra.getParent());
            List<String> lines = List.of("extra one " + suffix, "extra two " + suffix, "extra three " + suffix);
            append(extra, lines);
            JsonNode found = awaitSearch(console, "topic:" + newTopic, lines.size(), SEARCHABLE_WITHIN);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            System.out.printf("SeedPipelineEndToEndIT: zero-touch, saved in the console -> searchable in %d ms%n", ms);
            assertThat(found.path("hits")).extracting(h -> h.path("message").asText())
                    .containsExactlyInAnyOrderElementsOf(lines);
            assertThat(found.path("hits").path(0).path("host").asText()).isEqualTo(ZERO_TOUCH_IP);
        }
        assertThat(transfer.isRunning()).as("the transfer started first is still the one running").isTrue();
    }

    private JsonNode awaitSearch(ConsoleServer console, String query, int expectedTotal) {
        return awaitSearch(console, query, expectedTotal, Duration.ofSeconds(60));
    }

    private JsonNode awaitSearch(ConsoleServer console, String query, int expectedTotal, Duration within) {
        JsonNode[] last = new JsonNode[1];
        HttpResponse<?>[] response = new HttpResponse<?>[1];
        // A 502 while the first daily index's shards start ("all shards failed") is the search engine not ready
        // yet, not an answer: keep polling; the last answer must be a 200.
        await().atMost(within).pollInterval(Duration.ofMillis(250)).until(() -> {
            response[0] = search(console, query);
            if (response[0].statusCode() != 200) {
                return false;
            }
            last[0] = json.readTree((String) response[0].body());
            return last[0].get("total").asInt() >= expectedTotal;
        });
        assertThat(last[0].get("total").asInt()).isEqualTo(expectedTotal);
        return last[0];
    }

    private HttpResponse<String> search(ConsoleServer console, String query) throws Exception {
        String url = "http://127.0.0.1:" + console.port() + "/api/search?size=100&from=now-30d&q="
                + URLEncoder.encode(query, StandardCharsets.UTF_8);
        String auth = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Basic " + auth).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 502);
        return response;
    }

    private void start(Lifecycle lifecycle) throws Exception {
        lifecycle.start();
        running.add(lifecycle);
    }

    private void putEtcd(String key, String value) throws Exception {
        try (Client client = Client.builder().endpoints(etcd.endpoint()).build()) {
            client.getKVClient().put(ByteSequence.from(key, StandardCharsets.UTF_8),
                    ByteSequence.from(value, StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
        }
    }

    private static Path write(Path file, String text) throws Exception {
        return Files.writeString(file, text);
    }

    private static void append(Path file, List<String> lines) throws Exception {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l).append('\n'));
        Files.writeString(file, sb, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** The console's ini on the test's servers; {@code etcdKeys} are more lines of its [etcd] section. */
    private String consoleIni(Path dataDir, String etcdKeys) {
        return """
                [http]
                port=0
                [es]
                address=%s
                [etcd]
                address=%s
                %s[kafka]
                address=%s
                [auth]
                admin_password=%s
                [console]
                data_dir=%s
                """.formatted(openSearch.httpUrl(), etcd.endpoint(), etcdKeys, kafka.bootstrapServers(),
                ADMIN_PASSWORD, dataDir);
    }

    /** from=beginning: the test may write its lines before the agent's new collector has opened the file. */
    private static String entry(Path path, String topic) {
        return "{\"path\":\"" + path + "\",\"topic\":\"" + topic + "\",\"from\":\"beginning\"}";
    }

    private static IniFile ini(String name, String text) {
        return IniFile.parse(name, text);
    }
}
