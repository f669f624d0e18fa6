package io.logagent.console.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.logagent.console.Api;
import io.logagent.console.ConsoleFixture;
import io.logagent.console.MutableClock;
import io.logagent.console.search.OpenSearchSeed;
import io.logagent.stack.EtcdServer;
import io.logagent.stack.KafkaServer;
import io.logagent.stack.OpenSearchServer;
import io.logagent.stack.junit.RealServers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import io.logagent.core.event.DeadLetterHeaders;
import io.logagent.core.event.LogHeaders;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline view against real Kafka, OpenSearch and etcd: end offsets, group lag, indices, freshness, and a
 * verdict per topic (named in etcd but consumed by nobody, stale amber/red).
 */
@ExtendWith(RealServers.class)
class PipelineApiTest {

    @Test
    void showsLagIndicesAndStaleTopics(KafkaServer kafka, OpenSearchServer os, EtcdServer etcd, @TempDir Path dir)
            throws Exception {
        String bootstrap = kafka.bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic("pipe_logs", 2, (short) 1))).all().get();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                    new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 5; i++) {
                    producer.send(new ProducerRecord<>("pipe_logs", 0, null, "line " + i)).get();
                }
            }
            admin.alterConsumerGroupOffsets("logagent-transfer",
                    Map.of(new TopicPartition("pipe_logs", 0), new OffsetAndMetadata(2))).all().get();
            // Written by an agent, named in etcd, but no consumer group has it: never searchable.
            admin.createTopics(List.of(new NewTopic("pipe_unconsumed", 1, (short) 1))).all().get();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                    new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 3; i++) {
                    producer.send(new ProducerRecord<>("pipe_unconsumed", 0, null, "line " + i)).get();
                }
            }
        }
        try (Client client = Client.builder().endpoints(etcd.endpoint()).build()) {
            put(client, "/logagent/10.77.0.1/collect_config", "[{\"path\":\"/var/log/a.log\",\"topic\":\"pipe_logs\"},"
                    + "{\"path\":\"/var/log/b.log\",\"topic\":\"pipe_unconsumed\"}]");
            put(client, "/logagent/groups/pipe/collect_config", "[{\"path\":\"/var/log/c.log\",\"topic\":\"pipe_logs\"}]");
        }
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        OpenSearchSeed.createIndex(os.httpUrl(), "pipe_logs-2026.11.30", List.of("pipe_logs", "pipeline_it"));
        OpenSearchSeed.index(os.httpUrl(), "pipe_logs-2026.11.30", List.of(
                "{\"@timestamp\":\"2026-11-30T11:59:50Z\",\"topic\":\"pipe_logs\",\"message\":\"fresh\"}",
                "{\"@timestamp\":\"2026-11-30T11:50:00Z\",\"topic\":\"old_topic\",\"message\":\"stale\"}",
                "{\"@timestamp\":\"2026-11-30T09:30:00Z\",\"topic\":\"ancient_topic\",\"message\":\"very stale\"}"));

        try (ConsoleFixture console = new ConsoleFixture(dir, etcd.endpoint(), os.httpUrl(), bootstrap, "pipeline_it",
                new MutableClock(now)); Api api = console.admin();
             KafkaConsumer<String, String> transfer = consuming(bootstrap, "pipe_logs")) {
            Api.Response r = api.get("/api/pipeline");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode topic = StreamSupport.stream(r.json().path("kafka").spliterator(), false)
                    .filter(t -> t.path("name").asText().equals("pipe_logs")).findFirst().orElseThrow(() -> new AssertionError(r.body()));
            JsonNode p0 = topic.path("partitions").path(0);
            assertThat(p0.path("endOffset").asLong()).isEqualTo(5);
            assertThat(p0.path("committed").asLong()).isEqualTo(2);
            assertThat(p0.path("lag").asLong()).isEqualTo(3);
            assertThat(topic.path("partitions").path(1).path("lag").isNull()).isTrue(); // nothing committed there

            assertThat(StreamSupport.stream(r.json().path("indices").spliterator(), false)
                    .filter(i -> i.path("index").asText().equals("pipe_logs-2026.11.30"))
                    .map(i -> i.path("docs.count").asText())).containsExactly("3");

            Map<String, JsonNode> fresh = new java.util.HashMap<>();
            r.json().path("freshness").forEach(f -> fresh.put(f.path("topic").asText(), f));
            assertThat(fresh.get("pipe_logs").path("ageSeconds").asLong()).isEqualTo(10);
            assertThat(fresh.get("pipe_logs").path("stale").asBoolean()).isFalse();
            assertThat(fresh.get("old_topic").path("stale").asBoolean()).isTrue(); // over [pipeline] stale_warn_seconds

            // One verdict per topic, with its reasons in words.
            Map<String, JsonNode> verdicts = new java.util.HashMap<>();
            r.json().path("topics").forEach(t -> verdicts.put(t.path("topic").asText(), t));
            JsonNode ok = verdicts.get("pipe_logs");
            assertThat(ok.path("level").asText()).as(ok.toString()).isEqualTo("OK");
            assertThat(texts(ok.path("namedBy"))).containsExactly("group pipe", "host 10.77.0.1");
            assertThat(texts(ok.path("consumedBy"))).containsExactly("pipe-it-consumer");
            assertThat(ok.path("written").asLong()).isEqualTo(5);
            JsonNode unconsumed = verdicts.get("pipe_unconsumed");
            assertThat(unconsumed.path("level").asText()).isEqualTo("ERROR");
            assertThat(unconsumed.path("consumedBy").size()).isZero();
            assertThat(unconsumed.path("written").asLong()).isEqualTo(3);
            assertThat(texts(unconsumed.path("problems"))).singleElement().asString().contains("not consumed by any transfer");
            assertThat(verdicts.get("old_topic").path("level").asText()).isEqualTo("WARN");
            assertThat(texts(verdicts.get("old_topic").path("problems"))).singleElement().asString().contains("stale", "10 min");
            assertThat(verdicts.get("ancient_topic").path("level").asText()).isEqualTo("ERROR");
            assertThat(texts(verdicts.get("ancient_topic").path("problems"))).singleElement().asString().contains("stale", "2 h");

            Api.Response metrics = api.get("/metrics");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body()).contains("# TYPE", "jvm_memory_used_bytes");
            assertThat(console.anonymous().get("/metrics").status()).isEqualTo(401);
        }
    }

    @Test
    void showsTheNewestDeadLettersWithTheirReason(KafkaServer kafka, OpenSearchServer os, EtcdServer etcd,
                                                  @TempDir Path dir) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        String topic = DeadLetterHeaders.TOPIC_SETTING.defaultValue();
        long start = System.currentTimeMillis() - 60_000;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 5; i++) {
                RecordHeaders h = new RecordHeaders();
                h.add(LogHeaders.HOST, utf8("10.66.0." + i));
                h.add(LogHeaders.PATH, utf8("/var/log/dl" + i + ".log"));
                h.add(DeadLetterHeaders.REASON, utf8("400 mapper_parsing_exception: field [n] #" + i));
                h.add(DeadLetterHeaders.TOPIC, utf8("dl_source"));
                h.add(DeadLetterHeaders.PARTITION, utf8("0"));
                h.add(DeadLetterHeaders.OFFSET, utf8(Long.toString(100 + i)));
                h.add(DeadLetterHeaders.INDEX, utf8("dl_source-2026.12.02"));
                producer.send(new ProducerRecord<>(topic, 0, start + i * 1000L, null, utf8("bad line " + i), h)).get();
            }
        }
        try (ConsoleFixture console = new ConsoleFixture(dir, etcd.endpoint(), os.httpUrl(), bootstrap, "dl_it",
                new MutableClock(Instant.now())); Api api = console.admin()) {
            Api.Response r = api.get("/api/deadletters?limit=3");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().path("topic").asText()).isEqualTo(topic);
            JsonNode letters = r.json().path("letters");
            // The 3 newest of 5, newest first, each with the index's reason and where the line came from.
            assertThat(StreamSupport.stream(letters.spliterator(), false).map(l -> l.path("message").asText()))
                    .containsExactly("bad line 4", "bad line 3", "bad line 2");
            JsonNode newest = letters.path(0);
            assertThat(newest.path("reason").asText()).isEqualTo("400 mapper_parsing_exception: field [n] #4");
            assertThat(newest.path("topic").asText()).isEqualTo("dl_source");
            assertThat(newest.path("offset").asLong()).isEqualTo(104);
            assertThat(newest.path("index").asText()).isEqualTo("dl_source-2026.12.02");
            assertThat(newest.path("host").asText()).isEqualTo("10.66.0.4");
            assertThat(newest.path("path").asText()).isEqualTo("/var/log/dl4.log");
            assertThat(Instant.parse(newest.path("time").asText()).toEpochMilli()).isEqualTo(start + 4000);

            // Looking commits nothing: no consumer group appears for the console.
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                assertThat(admin.listGroups().all().get().stream().map(g -> g.groupId()))
                        .noneMatch(g -> g.contains("console"));
            }
            for (String bad : List.of("0", "201", "many")) {
                Api.Response refused = api.get("/api/deadletters?limit=" + bad);
                assertThat(refused.status()).as(bad).isEqualTo(400);
                assertThat(refused.json().path("error").asText()).contains("1..200", bad);
            }
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A consumer of {@code topic} in its own group, polled until it has its partitions (as a transfer would). */
    private static KafkaConsumer<String, String> consuming(String bootstrap, String topic) {
        KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "group.id", "pipe-it-consumer"), new StringDeserializer(), new StringDeserializer());
        c.subscribe(List.of(topic));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (c.assignment().isEmpty() && System.nanoTime() < deadline) {
            c.poll(java.time.Duration.ofMillis(200));
        }
        assertThat(c.assignment()).as("assigned within 30 s").isNotEmpty();
        return c;
    }

    private static void put(Client client, String key, String value) throws Exception {
        client.getKVClient().put(ByteSequence.from(key, StandardCharsets.UTF_8),
                ByteSequence.from(value, StandardCharsets.UTF_8)).get();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
