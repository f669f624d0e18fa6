package io.logagent.transfer.patterns;

import com.fasterxml.jackson.databind.JsonNode;
import io.logagent.stack.KafkaServer;
import io.logagent.stack.OpenSearchServer;
import io.logagent.stack.junit.RealServers;
import io.logagent.transfer.TransferService;
import io.logagent.transfer.config.TransferConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logagent.core.event.PatternFields;
import io.logagent.core.ini.IniFile;
import io.logagent.transfer.index.SearchHttp;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka → two transfer workers in one consumer group (one in this JVM, one in a child JVM) → OpenSearch. Each
 * worker holds one partition and sees different lines of the same templates (other users, hosts and numbers, in
 * another order); the documents carry {@code pattern} and {@code pattern_id}, and the two workers agree on the id
 * of each template without talking to each other, because the id is a function of topic and template text. The
 * store holds the template and the links from each worker's earlier id; a worker started afterwards loads it and
 * gives the template's id from its first line.
 */
@ExtendWith(RealServers.class)
class PatternIdsAcrossWorkersIT {

    private static final String TOPIC = "it-patterns";
    private static final String GROUP = "g-patterns";

    private final KafkaServer kafka;
    private final OpenSearchServer search;
    private final HttpClient http = HttpClient.newHttpClient();
    private TransferService inJvm;
    private Process child;

    PatternIdsAcrossWorkersIT(KafkaServer kafka, OpenSearchServer search) {
        this.kafka = kafka;
        this.search = search;
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (child != null) {
            child.destroy();
            child.waitFor();
        }
        if (inJvm != null) {
            inJvm.stop();
            assertThat(inJvm.awaitStop(Duration.ofSeconds(30))).isTrue();
        }
        http.close();
    }

    @Test
    void twoWorkersGiveTheSameTemplateTheSameId(@TempDir Path dir) throws Exception {
        String ini = """
                [kafka]
                address=%s
                topic=%s
                group_id=%s
                [kafka.consumer]
                session.timeout.ms=6000
                heartbeat.interval.ms=1000
                [es]
                address=%s
                flush_interval_ms=200
                """.formatted(kafka.bootstrapServers(), TOPIC, GROUP, search.httpUrl());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
            Path childIni = Files.writeString(dir.resolve("child.ini"), ini);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            child = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    io.logagent.transfer.TransferChildMain.class.getName(), childIni.toString()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
            inJvm = TransferService.create(TransferConfig.from(IniFile.parse("it.ini", ini)), Clock.systemUTC());
            inJvm.start();
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> {
                Collection<MemberDescription> members = admin.describeConsumerGroups(List.of(GROUP)).all().get()
                        .get(GROUP).members();
                return members.size() == 2
                        && members.stream().allMatch(m -> m.assignment().topicPartitions().size() == 1);
            });
        }

        List<String> usersA = List.of("alice", "bob", "erin", "frank");
        List<String> usersB = List.of("victor", "walter", "peggy", "oscar");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 40; i++) {
                send(producer, 0, "2026-12-02 18:0%d:11,%03d INFO login ok for user %s from 10.0.%d.%d"
                        .formatted(i % 10, i, usersA.get(i % 4), i, i + 1));
                send(producer, 1, "2026-12-02 19:1%d:42,%03d INFO login ok for user %s from 192.168.%d.7"
                        .formatted(i % 10, 999 - i, usersB.get((i + 1) % 4), 40 - i));
                send(producer, i % 2, "ts=2026-12-02T18:11:19Z level=warn msg=slow took=%dms table=t%d".formatted(i * 7, i));
            }
            producer.flush();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> count("*") == 120);

        String login = "<*> INFO login ok for user <*> from <*>";
        String loginId = PatternIds.of(TOPIC, login);
        for (int partition : new int[]{0, 1}) {
            JsonNode last = lastOf(partition, "login");
            assertThat(last.path("pattern").asText()).as("partition " + partition).isEqualTo(login);
            assertThat(last.path("pattern_id").asText()).isEqualTo(loginId);
        }
        String slowId = PatternIds.of(TOPIC, "ts=<*> level=warn msg=slow took=<*> table=<*>");
        // table=t0 is a word to the masker: each worker's first slow line keeps it, its second generalises
        assertThat(count("pattern_id:" + slowId)).as("every slow line but each worker's first").isEqualTo(38);
        assertThat(count("pattern_id:" + loginId)).as("the login lines after each worker generalised")
                .isGreaterThanOrEqualTo(70);

        // The store: the current template once, each worker's first, specific template linked to it.
        String store = PatternFields.storeIndex("logagent");
        await().atMost(Duration.ofSeconds(10)).until(() -> count(store, "_id:" + loginId) == 1
                && count(store, PatternFields.REPLACED_BY + ":" + loginId) >= 2);
        // A worker that starts now (restart, or a new member) learns the template and gives its id at once.
        PatternMiner restarted = new PatternMiner(PatternSettings.DEFAULTS, new SimpleMeterRegistry(), c -> { });
        try (SearchHttp searchHttp = SearchHttp.connect(TransferConfig.from(IniFile.parse("it.ini", ini)).index(),
                Duration.ofSeconds(10), Clock.systemUTC())) {
            assertThat(new PatternStore(searchHttp, new ObjectMapper(), "logagent", Clock.systemUTC(),
                    new SimpleMeterRegistry()).loadInto(restarted, 1000)).isGreaterThanOrEqualTo(2);
        }
        assertThat(restarted.match(TOPIC, "2026-12-03 01:02:03,004 INFO login ok for user zoe from 10.9.9.9").id())
                .isEqualTo(loginId);
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, int partition, String line) {
        producer.send(new ProducerRecord<>(TOPIC, partition, null, line.getBytes(StandardCharsets.UTF_8)));
    }

    private long count(String q) throws Exception {
        return count(TOPIC + "-*", q);
    }

    private long count(String index, String q) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(search.httpUrl() + "/" + index + "/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        String body = http.send(HttpRequest.newBuilder(URI.create(search.httpUrl() + "/" + index + "/_count?q="
                + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("count").asLong(-1);
    }

    /** The source of the last login line sent to {@code partition} (the worker holding it had seen all before). */
    private JsonNode lastOf(int partition, String word) throws Exception {
        String body = """
                {"size":200,"query":{"match":{"message":"%s"}}}""".formatted(word);
        JsonNode hits = new com.fasterxml.jackson.databind.ObjectMapper().readTree(http.send(HttpRequest.newBuilder(
                URI.create(search.httpUrl() + "/" + TOPIC + "-*/_search")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body())
                .path("hits").path("hits");
        String ending = partition == 0 ? "from 10.0.39.40" : "from 192.168.1.7";
        for (JsonNode h : hits) {
            if (h.path("_source").path("message").asText().endsWith(ending)) {
                return h.path("_source");
            }
        }
        throw new AssertionError("no line ending '" + ending + "' in " + hits.size() + " hits");
    }
}
