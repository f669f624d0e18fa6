package io.logagent.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import io.logagent.stack.KafkaServer;
import io.logagent.stack.OpenSearchServer;
import io.logagent.transfer.document.DocumentIds;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.logagent.transfer.DeadLetterRecords.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A document the index refuses goes to the dead-letter topic with its reason while the rest flows; a JSON line
 * whose parsed fields clash with the mapping is stored as a plain message instead.
 */
class DeadLetterIT extends TransferOnRealServersTestBase {

    DeadLetterIT(KafkaServer kafka, OpenSearchServer search) {
        super(new RealStack(kafka, search));
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAndTheRestIsStored() throws Exception {
        String topic = "it-poison";
        String group = "g-poison";
        stack.createTopic(topic, 1);
        TransferService service = transfer.start(stack.config(topic, group, ""));

        // Establish the mapping: fields.a is a keyword, json.n a long.
        for (int i = 0; i < 5; i++) {
            stack.sendLine(topic, "normal " + i, "field.a", "x");
        }
        stack.sendLine(topic, "{\"n\":5}");
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.committed(group, topic) == 6);

        stack.sendLine(topic, "{\"n\":{\"deep\":true}}");                       // offset 6: clashes with json.n → stored plain
        stack.sendLine(topic, "poison line", "field.a.b", "y", "host", "h1"); // offset 7: fields.a.b needs fields.a to be an object
        for (int i = 0; i < 5; i++) {
            stack.sendLine(topic, "after " + i, "field.a", "x");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.committed(group, topic) == 13);
        assertThat(stack.count(topic)).isEqualTo(12);

        JsonNode fallback = stack.byId(topic, DocumentIds.ofRecord(topic, 0, 6)).path("_source");
        assertThat(fallback.path("message").asText()).isEqualTo("{\"n\":{\"deep\":true}}");
        assertThat(fallback.has("json")).isFalse();
        assertThat(stack.byId(topic, DocumentIds.ofRecord(topic, 0, 7))).isNull();

        List<ConsumerRecord<byte[], byte[]>> dead = DeadLetterRecords.readAll(stack.kafka.bootstrapServers(),
                "dlq-reader", topic + "-dlq", 1);
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
}
