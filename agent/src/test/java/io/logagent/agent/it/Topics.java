package io.logagent.agent.it;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** Reads whole topics back for assertions. */
final class Topics {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Topics() {
    }

    static String unique(String prefix) {
        return prefix + "-" + COUNTER.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** One record as the tests look at it. */
    record Line(String value, Map<String, String> headers, byte[] key, int partition, byte[] bytes, long timestamp) { }

    /** Waits until the topic holds at least {@code expected} records, then returns all of them (in partition order). */
    static List<Line> readAtLeast(String bootstrap, String topic, int expected, Duration timeout) {
        return readUntil(bootstrap, topic, lines -> lines.size() >= expected, timeout);
    }

    /** Reads until what was read satisfies {@code done}, then returns every record already in the topic. */
    static List<Line> readUntil(String bootstrap, String topic, Predicate<List<Line>> done, Duration timeout) {
        List<Line> lines = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            await().atMost(timeout).pollInterval(Duration.ZERO).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Map<String, String> headers = new HashMap<>();
                    for (Header h : r.headers()) {
                        headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
                    }
                    lines.add(new Line(new String(r.value(), StandardCharsets.UTF_8), headers, r.key(), r.partition(),
                            r.value(), r.timestamp()));
                }
                return done.test(lines);
            });
            // Anything beyond the expected count (a duplicate) that is already in the log shows up here.
            long end = consumer.endOffsets(consumer.assignment()).values().stream().mapToLong(Long::longValue).sum();
            while (consumer.assignment().stream().mapToLong(consumer::position).sum() < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> lines.add(new Line(
                        new String(r.value(), StandardCharsets.UTF_8), Map.of(), r.key(), r.partition(), r.value(),
                        r.timestamp())));
            }
        }
        return lines;
    }

    static List<String> values(List<Line> lines) {
        return lines.stream().map(Line::value).toList();
    }
}
