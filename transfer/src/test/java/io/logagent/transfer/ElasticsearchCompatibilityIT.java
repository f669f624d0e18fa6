package io.logagent.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import io.logagent.stack.ElasticsearchServer;
import io.logagent.stack.KafkaServer;
import io.logagent.stack.junit.RealServers;
import io.logagent.transfer.document.DocumentIds;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The same Kafka → index path as {@link TransferServiceIT} and {@link DeadLetterIT}, against a real
 * Elasticsearch 7.10.2 instead of OpenSearch: the transfer claims both, so both are proven. Only this class asks
 * for an {@link ElasticsearchServer}, so the node starts only in the test JVMs that run it.
 */
@ExtendWith(RealServers.class)
class ElasticsearchCompatibilityIT {

    private static final String FILE_ID = "2049:131:fp";

    private final RealStack stack;
    private TransferService service;

    ElasticsearchCompatibilityIT(KafkaServer kafka, ElasticsearchServer elasticsearch) {
        this.stack = new RealStack(kafka, elasticsearch);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        try {
            stopService();
        } finally {
            stack.close();
        }
    }

    private void startService(String topic, String group) {
        service = TransferService.create(stack.config(topic, group, ""), Clock.systemUTC());
        service.start();
    }

    private void stopService() throws InterruptedException {
        if (service != null) {
            service.stop();
            assertThat(service.awaitStop(Duration.ofSeconds(30))).isTrue();
            assertThat(service.failure()).isEmpty();
            service = null;
        }
    }

    @Test
    void agentRecordsBecomeExactlyOneDocumentEachInDailyIndicesAndAReplayOverwrites() throws Exception {
        assertThat(stack.json("GET", "/", null).path("version").path("number").asText()).isEqualTo("7.10.2");
        String topic = "es-basic";
        int n = 1000;
        stack.createTopic(topic, 2);
        stack.produceAgentLines(topic, 0, n, "10.0.0.7");
        startService(topic, "g-es-basic");

        await().atMost(Duration.ofSeconds(60)).until(() -> stack.committed("g-es-basic", topic) == n);
        assertThat(stack.count(topic)).isEqualTo(n);
        assertThat(stack.json("POST", "/logagent/_count", "{\"query\":{\"term\":{\"topic\":\"" + topic + "\"}}}")
                .path("count").asLong()).isEqualTo(n);

        String id = DocumentIds.ofLine("10.0.0.7", FILE_ID, "4200");
        JsonNode hit = stack.byId(topic, id);
        assertThat(hit).isNotNull();
        assertThat(hit.path("_index").asText()).isEqualTo("es-basic-2026.11.30");
        JsonNode doc = hit.path("_source");
        assertThat(doc.path("message").asText()).isEqualTo("2026-11-30 06:13:00,042 INFO line 42");
        assertThat(doc.path("@timestamp").asText()).isEqualTo("2026-11-30T06:13:00.042Z");
        assertThat(doc.path("level").asText()).isEqualTo("INFO");
        assertThat(doc.path("host").asText()).isEqualTo("10.0.0.7");
        assertThat(doc.path("path").asText()).isEqualTo("/var/log/app.log");
        assertThat(doc.path("offset").asLong()).isEqualTo(4200);
        assertThat(doc.path("file_id").asText()).isEqualTo(FILE_ID);
        assertThat(doc.path("module").asText()).isEqualTo("web");
        assertThat(doc.path("topic").asText()).isEqualTo(topic);
        assertThat(doc.path("fields").path("env").asText()).isEqualTo("prod");
        // Lines without their own date take the agent's read_time, hence a second daily index.
        JsonNode plain = stack.byId(topic, DocumentIds.ofLine("10.0.0.7", FILE_ID, "4300"));
        assertThat(plain.path("_index").asText()).isEqualTo("es-basic-2025.11.30");
        assertThat(plain.path("_source").path("@timestamp").asText()).isEqualTo("2025-11-30T06:13:00Z");

        // Elasticsearch 7.10 takes the composable template (7.8+): the legacy fallback must not have been used.
        JsonNode template = stack.json("GET", "/_index_template/logagent-transfer", null).path("index_templates").path(0);
        assertThat(template.path("index_template").path("index_patterns").toString()).contains("es-basic-*");
        assertThat(stack.request("GET", "/_template/logagent-transfer", null).statusCode()).isEqualTo(404);
        for (String index : List.of("es-basic-2026.11.30", "es-basic-2025.11.30")) {
            JsonNode aliases = stack.json("GET", "/" + index + "/_alias", null).path(index).path("aliases");
            assertThat(aliases.has(topic)).as(index + " aliases " + aliases).isTrue();
            assertThat(aliases.has("logagent")).as(index + " aliases " + aliases).isTrue();
            JsonNode mapping = stack.json("GET", "/" + index + "/_mapping", null).path(index).path("mappings");
            assertThat(mapping.path("properties").path("message").path("type").asText()).isEqualTo("text");
            assertThat(mapping.path("properties").path("host").path("type").asText()).isEqualTo("keyword");
            assertThat(mapping.path("properties").path("offset").path("type").asText()).isEqualTo("long");
            assertThat(mapping.path("properties").path("@timestamp").path("type").asText()).isEqualTo("date");
            assertThat(mapping.path("dynamic_templates").toString()).contains("fields.*");
            assertThat(stack.json("GET", "/_cluster/health/" + index, null).path("status").asText()).isEqualTo("green");
        }
        stopService();

        // Replay everything through a fresh group: the same ids overwrite (version 2), the count stays exact.
        startService(topic, "g-es-basic-replay");
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.committed("g-es-basic-replay", topic) == n);
        assertThat(stack.count(topic)).isEqualTo(n);
        JsonNode again = stack.json("GET", "/es-basic-2026.11.30/_doc/" + id, null);
        assertThat(again.path("_source")).isEqualTo(doc);
        assertThat(again.path("_version").asLong()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aRefusedDocumentGoesToTheDeadLetterTopicAndAClashingJsonLineIsStoredPlain() throws Exception {
        String topic = "es-poison";
        String group = "g-es-poison";
        stack.createTopic(topic, 1);
        startService(topic, group);

        // Establish the mapping: fields.a is a keyword, json.n a long.
        send(topic, "normal", "field.a", "x");
        send(topic, "{\"n\":5}");
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.committed(group, topic) == 2);

        send(topic, "{\"n\":{\"deep\":true}}");                       // offset 2: clashes with json.n → stored plain
        send(topic, "poison line", "field.a.b", "y", "host", "h1"); // offset 3: fields.a must stay a keyword
        send(topic, "after", "field.a", "x");
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.committed(group, topic) == 5);
        assertThat(stack.count(topic)).isEqualTo(4);

        JsonNode fallback = stack.byId(topic, DocumentIds.ofRecord(topic, 0, 2)).path("_source");
        assertThat(fallback.path("message").asText()).isEqualTo("{\"n\":{\"deep\":true}}");
        assertThat(fallback.has("json")).isFalse();
        assertThat(stack.byId(topic, DocumentIds.ofRecord(topic, 0, 3))).isNull();

        List<ConsumerRecord<byte[], byte[]>> dead = readAll(topic + "-dlq", 1);
        assertThat(dead).hasSize(1);
        ConsumerRecord<byte[], byte[]> d = dead.get(0);
        assertThat(new String(d.value(), StandardCharsets.UTF_8)).isEqualTo("poison line");
        assertThat(header(d, "dl.reason")).startsWith("400").contains("mapper_parsing_exception");
        assertThat(header(d, "dl.offset")).isEqualTo("3");
        assertThat(header(d, "host")).isEqualTo("h1");
    }

    private void send(String topic, String line, String... headers) throws Exception {
        RecordHeaders h = new RecordHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], RealStack.utf8(headers[i + 1]));
        }
        stack.send(new ProducerRecord<>(topic, null, (byte[]) null, RealStack.utf8(line), h));
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
        return new String(r.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int atLeast) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "es-dlq-reader", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
                return out.size() >= atLeast;
            });
            // Anything more that arrives shortly after would be a duplicate dead letter.
            c.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        return out;
    }
}
