package io.logagent.console.monitor;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The pipeline view against real Kafka and OpenSearch: end offsets, group lag, indices and freshness. */
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
        }
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        OpenSearchSeed.createIndex(os.httpUrl(), "pipe_logs-2026.11.30", List.of("pipe_logs", "pipeline_it"));
        OpenSearchSeed.index(os.httpUrl(), "pipe_logs-2026.11.30", List.of(
                "{\"@timestamp\":\"2026-11-30T11:59:50Z\",\"topic\":\"pipe_logs\",\"message\":\"fresh\"}",
                "{\"@timestamp\":\"2026-11-30T11:50:00Z\",\"topic\":\"old_topic\",\"message\":\"stale\"}"));

        try (ConsoleFixture console = new ConsoleFixture(dir, etcd.endpoint(), os.httpUrl(), bootstrap, "pipeline_it",
                new MutableClock(now)); Api api = console.admin()) {
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
                    .map(i -> i.path("docs.count").asText())).containsExactly("2");

            Map<String, JsonNode> fresh = new java.util.HashMap<>();
            r.json().path("freshness").forEach(f -> fresh.put(f.path("topic").asText(), f));
            assertThat(fresh.get("pipe_logs").path("ageSeconds").asLong()).isEqualTo(10);
            assertThat(fresh.get("pipe_logs").path("stale").asBoolean()).isFalse();
            assertThat(fresh.get("old_topic").path("stale").asBoolean()).isTrue();

            Api.Response metrics = api.get("/metrics");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body()).contains("# TYPE", "jvm_memory_used_bytes");
            assertThat(console.anonymous().get("/metrics").status()).isEqualTo(401);
        }
    }
}
