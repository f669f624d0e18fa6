package io.logagent.transfer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** Reads back what the transfer wrote to a dead-letter topic, for the tests that provoke refused documents. */
final class DeadLetterRecords {

    private DeadLetterRecords() {
    }

    /**
     * Every record of {@code topic} from the start, once at least {@code atLeast} have arrived, plus whatever follows
     * within half a second: a test that expects an exact number then also sees a duplicate dead letter.
     */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrapServers, String readerGroup, String topic,
                                                        int atLeast) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, readerGroup, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
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

    /** The last value of header {@code key}, as text. */
    static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }
}
