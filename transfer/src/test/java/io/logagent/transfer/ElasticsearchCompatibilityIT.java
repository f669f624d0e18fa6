package io.logagent.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import io.logagent.stack.ElasticsearchServer;
import io.logagent.stack.KafkaServer;
import io.logagent.transfer.document.DocumentIds;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.logagent.transfer.DeadLetterRecords.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The same Kafka → index path as {@link TransferServiceIT} and {@link DeadLetterIT}, against a real
 * Elasticsearch 7.10.2 instead of OpenSearch: the transfer claims both, so both are proven. Only this class asks
 * for an {@link ElasticsearchServer}, so the node starts only in the test JVMs that run it.
 */
class ElasticsearchCompatibilityIT extends TransferOnRealServersTestBase {

    ElasticsearchCompatibilityIT(KafkaServer kafka, ElasticsearchServer elasticsearch) {
        super(new RealStack(kafka, elasticsearch));
    }

    private void startService(String topic, String group) {
        transfer.start(stack.config(topic, group, ""));
    }

    /** Also the tear-down, before the base class's: every test proves that its transfer ended without a failure. */
    @AfterEach
    void stopService() throws InterruptedException {
        transfer.stop().ifPresent(stopped -> assertThat(stopped.failure()).isEmpty());
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

        String id = DocumentIds.ofLine("10.0.0.7", RealStack.AGENT_FILE_ID, "4200");
        JsonNode hit = stack.byId(topic, id);
        assertThat(hit).isNotNull();
        assertThat(hit.path("_index").asText()).as("the day it was read").isEqualTo("es-basic-2025.11.30");
        JsonNode doc = hit.path("_source");
        AgentLineDocument.assertIsLine42(doc, "10.0.0.7", topic);
        // Lines without their own date take the agent's read_time; every line goes to the index of its read day.
        JsonNode plain = stack.byId(topic, DocumentIds.ofLine("10.0.0.7", RealStack.AGENT_FILE_ID, "4300"));
        assertThat(plain.path("_index").asText()).isEqualTo("es-basic-2025.11.30");
        assertThat(plain.path("_source").path("@timestamp").asText()).isEqualTo("2025-11-30T06:13:00Z");

        // Elasticsearch 7.10 takes the composable template (7.8+): the legacy fallback must not have been used.
        JsonNode template = stack.json("GET", "/_index_template/logagent-transfer", null).path("index_templates").path(0);
        assertThat(template.path("index_template").path("index_patterns").toString()).contains("es-basic-*");
        assertThat(stack.request("GET", "/_template/logagent-transfer", null).statusCode()).isEqualTo(404);
        assertThat(stack.json("GET", "/_alias/" + topic, null).fieldNames()).toIterable()
                .containsExactly("es-basic-2025.11.30");
        for (String index : List.of("es-basic-2025.11.30")) {
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
        JsonNode again = stack.json("GET", "/es-basic-2025.11.30/_doc/" + id, null);
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
        stack.sendLine(topic, "normal", "field.a", "x");
        stack.sendLine(topic, "{\"n\":5}");
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.committed(group, topic) == 2);

        stack.sendLine(topic, "{\"n\":{\"deep\":true}}");                       // offset 2: clashes with json.n → stored plain
        stack.sendLine(topic, "poison line", "field.a.b", "y", "host", "h1"); // offset 3: fields.a must stay a keyword
        stack.sendLine(topic, "after", "field.a", "x");
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.committed(group, topic) == 5);
        assertThat(stack.count(topic)).isEqualTo(4);

        JsonNode fallback = stack.byId(topic, DocumentIds.ofRecord(topic, 0, 2)).path("_source");
        assertThat(fallback.path("message").asText()).isEqualTo("{\"n\":{\"deep\":true}}");
        assertThat(fallback.has("json")).isFalse();
        assertThat(stack.byId(topic, DocumentIds.ofRecord(topic, 0, 3))).isNull();

        List<ConsumerRecord<byte[], byte[]>> dead = DeadLetterRecords.readAll(stack.kafka.bootstrapServers(),
                "es-dlq-reader", topic + "-dlq", 1);
        assertThat(dead).hasSize(1);
        ConsumerRecord<byte[], byte[]> d = dead.get(0);
        assertThat(new String(d.value(), StandardCharsets.UTF_8)).isEqualTo("poison line");
        assertThat(header(d, "dl.reason")).startsWith("400").contains("mapper_parsing_exception");
        assertThat(header(d, "dl.offset")).isEqualTo("3");
        assertThat(header(d, "host")).isEqualTo("h1");
    }
}
