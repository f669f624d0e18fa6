package io.logagent.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import io.logagent.stack.KafkaServer;
import io.logagent.stack.OpenSearchServer;
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
 * A document the index refuses goes to the dead-letter topic with its reason while the rest flows; a JSON line
 * whose parsed fields clash with the mapping is stored as a plain message instead.
 */
@ExtendWith(RealServers.class)
class DeadLetterIT {

    private final RealStack stack;
    private TransferService service;

    DeadLetterIT(KafkaServer kafka, OpenSearchServer search) {
        this.stack = new RealStack(kafka, search);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (service != null) {
            service.stop();
            assertThat(service.awaitStop(Duration.ofSeconds(30))).isTrue();
        }
        stack.close();
    }

    private void send(String topic, String line, String... headers) throws Exception {
        RecordHeaders h = new RecordHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], RealStack.utf8(headers[i + 1]));
        }
        stack.send(new ProducerRecord<>(topic, null, (byte[]) null, RealStack.utf8(line), h));
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAndTheRestIsStored() throws Exception {
        String topic = "it-poison";
        String group = "g-poison";
        stack.createTopic(topic, 1);
        service = TransferService.create(stack.config(topic, group, ""), Clock.systemUTC());
        service.start();

        // Establish the mapping: fields.a is a keyword, json.n a long.
        for (int i = 0; i < 5; i++) {
            send(topic, "normal " + i, "field.a", "x");
        }
        send(topic, "{\"n\":5}");
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.committed(group, topic) == 6);

        send(topic, "{\"n\":{\"deep\":true}}");                       // offset 6: clashes with json.n → stored plain
        send(topic, "poison line", "field.a.b", "y", "host", "h1"); // offset 7: fields.a.b needs fields.a to be an object
        for (int i = 0; i < 5; i++) {
            send(topic, "after " + i, "field.a", "x");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.committed(group, topic) == 13);
        assertThat(stack.count(topic)).isEqualTo(12);

        JsonNode fallback = stack.byId(topic, DocumentIds.ofRecord(topic, 0, 6)).path("_source");
        assertThat(fallback.path("message").asText()).isEqualTo("{\"n\":{\"deep\":true}}");
        assertThat(fallback.has("json")).isFalse();
        assertThat(stack.byId(topic, DocumentIds.ofRecord(topic, 0, 7))).isNull();

        List<ConsumerRecord<byte[], byte[]>> dead = readAll(topic + "-dlq", 1);
        assertThat(dead).hasSize(1);
        ConsumerRecord<byte[], byte[]> d = dead.get(0);
        assertThat(new String(d.value(), StandardCharsets.UTF_8)).isEqualTo("poison line");
        assertThat(header(d, "dl.reason")).startsWith("400").contains("mapper_parsing_exception");
        assertThat(header(d, "dl.topic")).isEqualTo(topic);
        assertThat(header(d, "dl.partition")).isEqualTo("0");
        assertThat(header(d, "dl.offset")).isEqualTo("7");
        assertThat(header(d, "field.a.b")).isEqualTo("y");
        assertThat(header(d, "host")).isEqualTo("h1");
        assertThat(service.meterRegistry().get("logagent.transfer.dead.letters").counter().count()).isEqualTo(1);
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
        return new String(r.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int atLeast) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
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
