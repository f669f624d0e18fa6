package io.logagent.console.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.logagent.console.Api;
import io.logagent.console.ConsoleFixture;
import io.logagent.console.search.OpenSearchSeed;
import io.logagent.core.event.DeadLetterHeaders;
import io.logagent.stack.EtcdServer;
import io.logagent.stack.KafkaServer;
import io.logagent.stack.OpenSearchServer;
import io.logagent.stack.junit.RealServers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.logagent.console.Api.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pipeline-health kinds measured from real Kafka and OpenSearch: consumer lag, a stale topic, dead letters in a
 * window; and a notification that cannot be delivered is shown on the rule, not lost in a log.
 */
@ExtendWith(RealServers.class)
class PipelineAlertsTest {

    @Test
    void lagStaleTopicsAndDeadLettersFireAndFailedDeliveriesShow(KafkaServer kafka, OpenSearchServer os,
                                                                EtcdServer etcd, @TempDir Path dir) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                     new StringSerializer(), new StringSerializer())) {
            admin.createTopics(List.of(new NewTopic("alerts_lag", 1, (short) 1))).all().get();
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>("alerts_lag", 0, null, "line " + i)).get();
            }
            admin.alterConsumerGroupOffsets("logagent-transfer",
                    Map.of(new TopicPartition("alerts_lag", 0), new OffsetAndMetadata(2))).all().get();
            for (int i = 0; i < 2; i++) {
                RecordHeaders h = new RecordHeaders();
                h.add(DeadLetterHeaders.REASON, "400 mapper_parsing_exception".getBytes(StandardCharsets.UTF_8));
                producer.send(new ProducerRecord<>(DeadLetterHeaders.TOPIC_SETTING.defaultValue(), 0,
                        System.currentTimeMillis(), null, "bad " + i, h)).get();
            }
        }
        OpenSearchSeed.createIndex(os.httpUrl(), "alerts_pipe-2026.12.02", List.of("alerts_pipe_it"));
        OpenSearchSeed.index(os.httpUrl(), "alerts_pipe-2026.12.02", List.of("{\"@timestamp\":\""
                + Instant.now().minus(Duration.ofHours(2)) + "\",\"topic\":\"alerts_stale\",\"message\":\"old\"}"));

        try (ConsoleFixture console = new ConsoleFixture(dir, etcd.endpoint(), os.httpUrl(), bootstrap,
                "alerts_pipe_it", Clock.systemUTC(), "[alerts]\ninterval_seconds = 1\nlease_seconds = 5\n");
             Api api = console.admin()) {
            put(api, "pipe-lag", "{\"kind\":\"consumer_lag\",\"topic\":\"alerts_lag\",\"threshold\":2,"
                    + "\"notify\":[{\"webhook\":\"http://127.0.0.1:1/nobody-listens\"}]}");
            put(api, "pipe-stale", "{\"kind\":\"topic_stale\",\"topic\":\"alerts_stale\",\"window\":\"1h\"}");
            put(api, "pipe-dead", "{\"kind\":\"dead_letters\",\"window\":\"10m\",\"threshold\":1}");
            put(api, "pipe-patterns", "{\"kind\":\"pattern\",\"rate_factor\":3}");

            JsonNode lag = firing(api, "pipe-lag");
            assertThat(lag.path("lastValue").asDouble()).isEqualTo(3);
            JsonNode stale = firing(api, "pipe-stale");
            assertThat(stale.path("lastValue").asDouble()).isBetween(7190.0, 7300.0);
            JsonNode dead = firing(api, "pipe-dead");
            assertThat(dead.path("lastValue").asDouble()).isGreaterThanOrEqualTo(2);

            // Nobody listens at the lag rule's webhook: the failure is on the rule, and the message is still owed.
            await().atMost(Duration.ofSeconds(20)).until(() -> !api.get("/api/alerts/pipe-lag").json().path("state")
                    .path("deliveryError").isNull());
            JsonNode failing = api.get("/api/alerts/pipe-lag").json().path("state");
            assertThat(failing.path("deliveryError").asText()).startsWith("firing of ")
                    .contains("to webhook http://127.0.0.1:1/nobody-listens: ", "(attempt 1 of 8)");
            assertThat(failing.path("outbox").path(0).path("attempts").asInt()).isPositive();

            JsonNode patterns = api.get("/api/alerts/pipe-patterns").json().path("state");
            assertThat(patterns.path("state").asText()).isEqualTo("OK");
            assertThat(patterns.path("error").asText()).startsWith("not available until patterns land");

            for (String name : List.of("pipe-lag", "pipe-stale", "pipe-dead", "pipe-patterns")) {
                long revision = api.get("/api/alerts/" + name).json().path("revision").asLong();
                assertThat(api.delete("/api/alerts/" + name + "?revision=" + revision).status()).isEqualTo(204);
            }
        }
    }

    private static void put(Api api, String name, String rule) {
        Api.Response r = api.put("/api/alerts/" + name, map("value", rule, "expectedRevision", 0));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private static JsonNode firing(Api api, String name) {
        await().atMost(Duration.ofSeconds(30)).until(() -> "FIRING".equals(api.get("/api/alerts/" + name).json()
                .path("state").path("state").asText()));
        return api.get("/api/alerts/" + name).json().path("state");
    }
}
