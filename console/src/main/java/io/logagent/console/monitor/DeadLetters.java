package io.logagent.console.monitor;

import io.logagent.core.event.DeadLetterHeaders;
import io.logagent.core.event.LogHeaders;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The most recent records of the transfer's dead-letter topic, with the reason the index gave ({@code dl.*}
 * headers) and where the line came from. Each call uses its own short-lived consumer, assigned to the last
 * {@code limit} offsets of every partition: no consumer group, nothing committed, so looking never moves anything.
 */
public final class DeadLetters {

    /** Most letters one call returns: {@code limit} beyond it is refused, not cut silently. */
    public static final int MAX_LIMIT = 200;
    private static final int MAX_MESSAGE_CHARS = 2000;

    public record Letter(Instant time, String reason, String topic, Integer partition, Long offset, String index,
                         String host, String path, String message) { }

    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final String topic;
    private final Duration timeout;

    /** @param consumers a new consumer each call, without {@code group.id}; this class closes it */
    public DeadLetters(Supplier<Consumer<byte[], byte[]>> consumers, String topic, Duration timeout) {
        this.consumers = consumers;
        this.topic = topic;
        this.timeout = timeout;
    }

    public String topic() {
        return topic;
    }

    /** Newest first, at most {@code limit} (1..{@link #MAX_LIMIT}); empty when the topic does not exist yet. */
    public List<Letter> recent(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
        }
        try (Consumer<byte[], byte[]> consumer = consumers.get()) {
            List<PartitionInfo> infos = consumer.listTopics(timeout).get(topic);
            if (infos == null || infos.isEmpty()) {
                return List.of();
            }
            List<TopicPartition> parts = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(parts);
            Map<TopicPartition, Long> ends = consumer.endOffsets(parts, timeout);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(parts, timeout);
            Map<TopicPartition, Long> remaining = new HashMap<>();
            for (TopicPartition tp : parts) {
                long end = ends.get(tp);
                long from = Math.max(begins.get(tp), end - limit);
                consumer.seek(tp, from);
                if (end > from) {
                    remaining.put(tp, end);
                }
            }
            List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!remaining.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    Long end = remaining.get(tp);
                    if (end != null && r.offset() < end) {
                        read.add(r);
                    }
                }
                // Done with a partition once its position passed the end taken above (transaction markers included).
                remaining.keySet().removeIf(tp -> consumer.position(tp) >= remaining.get(tp));
            }
            if (!remaining.isEmpty()) {
                throw new IllegalStateException("dead-letter topic " + topic + " not read to its end within "
                        + timeout.toSeconds() + " s (partitions " + remaining.keySet() + ")");
            }
            return read.stream()
                    .sorted(Comparator.comparingLong((ConsumerRecord<byte[], byte[]> r) -> r.timestamp())
                            .thenComparingLong(ConsumerRecord::offset).reversed())
                    .limit(limit).map(DeadLetters::letter).toList();
        }
    }

    private static Letter letter(ConsumerRecord<byte[], byte[]> r) {
        String message = r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8);
        return new Letter(r.timestamp() >= 0 ? Instant.ofEpochMilli(r.timestamp()) : null,
                header(r, DeadLetterHeaders.REASON), header(r, DeadLetterHeaders.TOPIC),
                number(header(r, DeadLetterHeaders.PARTITION), Integer::valueOf),
                number(header(r, DeadLetterHeaders.OFFSET), Long::valueOf), header(r, DeadLetterHeaders.INDEX),
                header(r, LogHeaders.HOST), header(r, LogHeaders.PATH),
                message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) + "…" : message);
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static <T> T number(String text, java.util.function.Function<String, T> parse) {
        try {
            return text == null ? null : parse.apply(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
