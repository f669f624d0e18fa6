package io.logagent.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.logagent.stack.junit.RealServers;

@ExtendWith(RealServers.class)
class RealServersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @AfterAll
    static void closeClient() {
        HTTP.close();
    }

    @Test
    void etcdStoresAndReturnsAKey(EtcdServer etcd) throws Exception {
        assertThat(etcd.endpoint()).matches("http://127\\.0\\.0\\.1:\\d+");
        String key = "/logAgent/10.0.0.1/collect_config";
        String value = "[{\"path\":\"/var/log/app.log\",\"topic\":\"app\"}]";

        JsonNode put = post(etcd.endpoint() + "/v3/kv/put", Map.of("key", b64(key), "value", b64(value)));
        assertThat(put.path("header").path("revision").asLong()).isPositive();

        JsonNode range = post(etcd.endpoint() + "/v3/kv/range", Map.of("key", b64(key)));
        assertThat(range.path("kvs")).hasSize(1);
        String stored = new String(Base64.getDecoder().decode(range.path("kvs").get(0).path("value").asText()), StandardCharsets.UTF_8);
        assertThat(stored).isEqualTo(value);
    }

    @Test
    void kafkaDeliversAProducedRecordToAConsumer(KafkaServer kafka) throws Exception {
        String topic = "smoke-" + UUID.randomUUID();
        RecordMetadata sent = produce(kafka, topic, "hello kafka");
        assertThat(sent.offset()).isZero();

        assertThat(consumeAll(kafka, topic, 1)).containsExactly("hello kafka");
    }

    @Test
    void openSearchIndexesAndReturnsADocument(OpenSearchServer openSearch) throws Exception {
        String index = "logagent-smoke";
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(openSearch.httpUrl() + "/" + index + "/_doc/1?refresh=true"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"topic\":\"app\",\"data\":\"a log line\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isIn(200, 201);

        HttpResponse<String> fetched = HTTP.send(HttpRequest.newBuilder(URI.create(openSearch.httpUrl() + "/" + index + "/_doc/1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(fetched.statusCode()).isEqualTo(200);
        JsonNode source = JSON.readTree(fetched.body()).path("_source");
        assertThat(source.path("data").asText()).isEqualTo("a log line");
        assertThat(source.path("topic").asText()).isEqualTo("app");

        // A single node has no room for replicas; the node defaults them to 0 so indices are green, not yellow.
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(openSearch.httpUrl() + "/_cluster/health/" + index)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(health.body()).path("status").asText()).isEqualTo("green");
    }

    @Test
    void elasticsearchIndexesAndReturnsADocument(ElasticsearchServer elasticsearch) throws Exception {
        String index = "logagent-smoke";
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(elasticsearch.httpUrl() + "/" + index))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"settings\":{\"number_of_replicas\":0}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        HttpResponse<String> indexed = HTTP.send(HttpRequest.newBuilder(URI.create(elasticsearch.httpUrl() + "/" + index + "/_doc/1?refresh=true"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"topic\":\"app\",\"data\":\"a log line\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(indexed.statusCode()).as(indexed.body()).isEqualTo(201);

        HttpResponse<String> fetched = HTTP.send(HttpRequest.newBuilder(URI.create(elasticsearch.httpUrl() + "/" + index + "/_doc/1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(fetched.body()).path("_source").path("data").asText()).isEqualTo("a log line");
        HttpResponse<String> root = HTTP.send(HttpRequest.newBuilder(URI.create(elasticsearch.httpUrl() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(root.body()).path("version").path("number").asText()).isEqualTo("7.10.2");
    }

    @Test
    void theSameInstanceIsSharedWithinTheJvm(EtcdServer first, EtcdServer second) {
        assertThat(first).isSameAs(second);
        assertThat(first.isRunning()).isTrue();
        assertThat(first.dataDir().toString()).contains("real-servers");
    }

    static RecordMetadata produce(KafkaServer kafka, String topic, String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>(topic, value)).get();
        }
    }

    static List<String> consumeAll(KafkaServer kafka, String topic, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    private static JsonNode post(String url, Map<String, String> body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
