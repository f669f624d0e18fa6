package io.logagent.agent.ship;

import io.logagent.core.collect.CollectEntry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KafkaShipperTest {
    private static final Node NODE = new Node(0, "localhost", 9092);
    private static final Cluster CLUSTER = new Cluster("c", List.of(NODE),
            IntStream.range(0, 8).mapToObj(p -> new PartitionInfo("t", p, NODE, null, null)).toList(), Set.of(), Set.of());

    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(CLUSTER, false, null,
            new ByteArraySerializer(), new ByteArraySerializer());
    private final Recorder listener = new Recorder();
    private final TopicCatalog topics = topic -> producer.partitionsFor(topic).size();
    private KafkaShipper shipper = new KafkaShipper(producer, topics, "10.0.0.1", 100, 1 << 20, new SimpleMeterRegistry(),
            Duration.ofMillis(10));

    @AfterEach
    void stop() {
        shipper.stop();
        shipper.awaitStop(Duration.ofSeconds(1));
    }

    @Test
    void sendsTheRawLineWithHeadersAndAcksOnCompletion() throws Exception {
        CollectEntry entry = new CollectEntry("/var/log/a.log", "t", "web", null, null, Map.of("env", "prod"), null,
                null, null, 0, null);
        shipper.send(event(entry, "f1", "hello", 42), listener);

        ProducerRecord<byte[], byte[]> r = producer.history().getFirst();
        assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(r.key()).isNull();
        assertThat(headers(r)).containsEntry("host", "10.0.0.1").containsEntry("path", "/var/log/a.log")
                .containsEntry("offset", "42").containsEntry("file_id", "f1").containsEntry("module", "web")
                .containsEntry("field.env", "prod").doesNotContainKey("truncated").doesNotContainKey("read_time");
        assertThat(r.timestamp()).as("the read time travels as the record's timestamp").isEqualTo(1000L);
        assertThat(listener.acked).isEmpty();

        producer.completeNext();
        assertThat(listener.acked).hasSize(1);
    }

    @Test
    void theEntrysTimeZoneAndTimestampFormatTravelAsHeaders() throws Exception {
        CollectEntry entry = new CollectEntry("/var/log/a.log", "t", null, null, null, null, null, null, null, 0, null,
                "America/Los_Angeles", new CollectEntry.TimestampSpec("yyMMdd HHmmss", "^(?<ts>\\d+ \\d+)"));
        shipper.send(event(entry, "f1", "081109 203615 x", 0), listener);
        assertThat(headers(producer.history().getFirst())).containsEntry("time_zone", "America/Los_Angeles")
                .containsEntry("timestamp_pattern", "yyMMdd HHmmss").containsEntry("timestamp_regex", "^(?<ts>\\d+ \\d+)");
        shipper.send(event(CollectEntry.of("/var/log/b.log", "t"), "f2", "x", 0), listener);
        assertThat(headers(producer.history().get(1))).doesNotContainKeys("time_zone", "timestamp_pattern");
    }

    @Test
    void oneFileKeepsToOnePartitionWithoutAKey() throws Exception {
        CollectEntry entry = CollectEntry.of("/var/log/a.log", "t");
        for (int i = 0; i < 20; i++) {
            shipper.send(event(entry, "file-A", "a" + i, i), listener);
            shipper.send(event(entry, "file-B", "b" + i, i), listener);
        }
        Map<Boolean, List<Integer>> byFile = new java.util.HashMap<>();
        producer.history().forEach(r -> byFile.computeIfAbsent(new String(r.value()).startsWith("a"),
                k -> new java.util.ArrayList<>()).add(r.partition()));
        assertThat(byFile.get(true)).containsOnly(byFile.get(true).getFirst());
        assertThat(byFile.get(false)).containsOnly(byFile.get(false).getFirst());
    }

    @Test
    void aPathKeyIsSentAndThePartitionLeftToTheProducer() throws Exception {
        CollectEntry entry = new CollectEntry("/var/log/a.log", "t", null, null, null, null, null, null, null, 0,
                CollectEntry.RecordKey.PATH);
        shipper.send(new LogEvent(entry, "f", "/var/log/a.log", 0, 3, "ab".getBytes(), 1000, 10), listener);
        ProducerRecord<byte[], byte[]> r = producer.history().getFirst();
        assertThat(new String(r.key())).isEqualTo("/var/log/a.log");
        assertThat(r.partition()).isNull();
        assertThat(headers(r)).containsEntry("truncated", "10");
    }

    @Test
    void aFatalErrorFailsThatEventAndReleasesTheBudget() throws Exception {
        shipper = new KafkaShipper(producer, topics, "h", 1, 1 << 20, new SimpleMeterRegistry(), Duration.ofMillis(10));
        CollectEntry entry = CollectEntry.of("/var/log/a.log", "t");
        shipper.send(event(entry, "f", "x", 0), listener);
        producer.errorNext(new RecordTooLargeException("too big"));
        assertThat(listener.failed).singleElement().satisfies(e -> assertThat(e).isInstanceOf(RecordTooLargeException.class));

        shipper.send(event(entry, "f", "y", 2), listener); // would block forever if the budget had leaked
        producer.completeNext();
        assertThat(listener.acked).hasSize(1);
    }

    @Test
    void aMissingTopicFailsTheEventAtOnceAndAnUnreachableKafkaIsAskedAgain() throws Exception {
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        TopicCatalog catalog = topic -> switch (topic) {
            case "missing" -> throw new org.apache.kafka.common.errors.UnknownTopicOrPartitionException("no " + topic);
            default -> {
                if (lookups.incrementAndGet() < 3) {
                    throw new org.apache.kafka.common.errors.TimeoutException("unreachable");
                }
                yield 8;
            }
        };
        shipper = new KafkaShipper(producer, catalog, "h", 10, 1 << 20, new SimpleMeterRegistry(), Duration.ofMillis(10));

        shipper.send(event(CollectEntry.of("/var/log/a.log", "missing"), "f", "x", 0), listener);
        assertThat(listener.failed).singleElement().satisfies(e -> assertThat(e)
                .isInstanceOf(org.apache.kafka.common.errors.UnknownTopicOrPartitionException.class));
        assertThat(producer.history()).isEmpty();

        shipper.send(event(CollectEntry.of("/var/log/a.log", "t"), "f", "y", 0), listener); // waits out 2 timeouts
        assertThat(lookups).hasValue(3);
        assertThat(producer.history()).hasSize(1);
        shipper.send(event(CollectEntry.of("/var/log/a.log", "t"), "f", "z", 2), listener);
        assertThat(lookups).as("the count is cached").hasValue(3);
    }

    @Test
    void aRetriableErrorIsSentAgain() throws Exception {
        shipper.send(event(CollectEntry.of("/var/log/a.log", "t"), "f", "x", 0), listener);
        producer.errorNext(new NotLeaderOrFollowerException("moved"));
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 2);
        producer.completeNext();
        assertThat(listener.acked).hasSize(1);
        assertThat(listener.failed).isEmpty();
    }

    @Test
    void sendBlocksWhileTheRecordBudgetIsUsedUp() throws Exception {
        shipper = new KafkaShipper(producer, topics, "h", 2, 1 << 20, new SimpleMeterRegistry(), Duration.ofMillis(10));
        CollectEntry entry = CollectEntry.of("/var/log/a.log", "t");
        shipper.send(event(entry, "f", "1", 0), listener);
        shipper.send(event(entry, "f", "2", 2), listener);
        Thread third = Thread.ofPlatform().name("test-sender").start(() -> {
            try {
                shipper.send(event(entry, "f", "3", 4), listener);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> third.getState() == Thread.State.WAITING);
        assertThat(producer.history()).hasSize(2);

        producer.completeNext();
        third.join(5_000);
        assertThat(producer.history()).hasSize(3);
    }

    private static LogEvent event(CollectEntry entry, String fileId, String line, long offset) {
        byte[] value = line.getBytes(StandardCharsets.UTF_8);
        return new LogEvent(entry, fileId, entry.path(), offset, offset + value.length + 1, value, 1000, -1);
    }

    private static Map<String, String> headers(ProducerRecord<byte[], byte[]> r) {
        Map<String, String> out = new java.util.HashMap<>();
        for (Header h : r.headers()) {
            out.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        return out;
    }

    static final class Recorder implements EventSink.AckListener {
        final List<LogEvent> acked = new CopyOnWriteArrayList<>();
        final List<Exception> failed = new CopyOnWriteArrayList<>();

        @Override
        public void acknowledged(LogEvent event) {
            acked.add(event);
        }

        @Override
        public void failed(LogEvent event, Exception cause) {
            failed.add(cause);
        }
    }
}
