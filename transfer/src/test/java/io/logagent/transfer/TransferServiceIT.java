package io.logagent.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import io.logagent.stack.KafkaServer;
import io.logagent.stack.OpenSearchServer;
import io.logagent.transfer.document.DocumentIds;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Kafka → OpenSearch path against the real servers: exact counts, fields, ids, aliases, replay, health. */
class TransferServiceIT extends TransferOnRealServersTestBase {

    TransferServiceIT(KafkaServer kafka, OpenSearchServer search) {
        super(new RealStack(kafka, search));
    }

    @Test
    void everyRecordBecomesOneDocumentAndAReplayOverwritesInsteadOfDuplicating() throws Exception {
        String topic = "it-basic";
        int n = 3000;
        stack.createTopic(topic, 3);
        stack.produceAgentLines(topic, 0, n, "10.0.0.5");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        transfer.start(stack.config(topic, "g-basic", "[transfer]\nhttp_port=" + port));

        await().atMost(Duration.ofSeconds(60)).until(() -> stack.committed("g-basic", topic) == n);
        assertThat(stack.count(topic)).isEqualTo(n);
        assertThat(stack.json("POST", "/logagent/_count", "{\"query\":{\"term\":{\"topic\":\"" + topic + "\"}}}")
                .path("count").asLong()).isEqualTo(n);

        JsonNode hit = stack.byId(topic, DocumentIds.ofLine("10.0.0.5", RealStack.AGENT_FILE_ID, "4200"));
        assertThat(hit).isNotNull();
        // Indexed by the day it was read (the read_time header: 2025-11-30), whatever day the line names.
        assertThat(hit.path("_index").asText()).isEqualTo("it-basic-2025.11.30");
        JsonNode doc = hit.path("_source");
        AgentLineDocument.assertIsLine42(doc, "10.0.0.5", topic);
        // A line without its own date takes the agent's read_time.
        JsonNode plain = stack.byId(topic, DocumentIds.ofLine("10.0.0.5", RealStack.AGENT_FILE_ID, "4300")).path("_source");
        assertThat(plain.path("@timestamp").asText()).isEqualTo("2025-11-30T06:13:00Z");
        assertThat(plain.path("timestamp_source").asText()).isEqualTo("read");
        assertThat(doc.path("timestamp_source").asText()).isEqualTo("line");
        // One index for the lot, and a search by time through the all-alias still finds the lines' own days.
        assertThat(stack.json("GET", "/_alias/" + topic, null).fieldNames()).toIterable()
                .containsExactly("it-basic-2025.11.30");
        assertThat(stack.json("POST", "/logagent/_count", "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"topic\":\""
                + topic + "\"}},{\"range\":{\"@timestamp\":{\"gte\":\"2026-11-30T00:00:00Z\",\"lt\":\"2026-12-01T00:00:00Z\"}}},"
                + "{\"term\":{\"timestamp_source\":\"line\"}}]}}}").path("count").asLong()).isEqualTo(n / 2);

        JsonNode mapping = stack.json("GET", "/it-basic-2025.11.30/_mapping", null)
                .path("it-basic-2025.11.30").path("mappings").path("properties");
        assertThat(mapping.path("message").path("type").asText()).isEqualTo("text");
        assertThat(mapping.path("host").path("type").asText()).isEqualTo("keyword");
        assertThat(mapping.path("offset").path("type").asText()).isEqualTo("long");
        assertThat(mapping.path("@timestamp").path("type").asText()).isEqualTo("date");
        assertThat(mapping.path("timestamp_source").path("type").asText()).isEqualTo("keyword");
        assertThat(stack.json("GET", "/it-basic-2025.11.30/_alias", null).path("it-basic-2025.11.30")
                .path("aliases").has("logagent")).isTrue();

        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        String metrics = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("logagent_transfer_docs_indexed_total " + (double) n)
                .contains("logagent_transfer_consumer_lag{partition=\"0\",topic=\"it-basic\"}")
                .contains("logagent_transfer_bulk_latency_seconds_count");
        client.close();

        assertThat(transfer.stop().orElseThrow().failure()).isEmpty();

        // Replay everything through a fresh group: the same ids overwrite, the count stays exact.
        transfer.start(stack.config(topic, "g-basic-replay", ""));
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.committed("g-basic-replay", topic) == n);
        assertThat(stack.count(topic)).isEqualTo(n);
        JsonNode again = stack.byId(topic, DocumentIds.ofLine("10.0.0.5", RealStack.AGENT_FILE_ID, "4200"));
        assertThat(again.path("_source")).isEqualTo(doc);
        assertThat(again.path("_version").asLong(2)).isGreaterThanOrEqualTo(1);
    }
}
