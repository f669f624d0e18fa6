package io.logagent.transfer.consume;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logagent.core.kafka.KafkaProblemLog;
import io.logagent.core.kafka.KafkaProblems;
import io.logagent.core.kafka.KafkaSecurity;
import io.logagent.core.time.Deadline;
import io.logagent.transfer.document.DocumentBuilder;
import io.logagent.transfer.document.LevelExtractor;
import io.logagent.transfer.document.LogDocument;
import io.logagent.transfer.document.TimestampExtractor;
import io.logagent.transfer.health.TransferMetrics;
import io.logagent.transfer.index.BulkResult;
import io.logagent.transfer.index.BulkStore;
import io.logagent.transfer.index.IndexNaming;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The at-least-once rules of the consumer thread ({@link ConsumeLoop}, {@link BatchAccumulator},
 * {@link BulkDispatcher}, {@link OffsetLedger} together) against Kafka's {@link MockConsumer} and an in-memory
 * {@link BulkStore} whose batches the test holds or releases: a commit must only ever cover records whose documents
 * are stored or dead-lettered. Batches hold two documents and are never sealed by time, so the test decides which
 * records share a batch; a batch is named by its first record ("0@2" = partition 0, offset 2).
 */
class ConsumeLoopTest {

    private static final String TOPIC = "t";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final TopicPartition p0 = new TopicPartition(TOPIC, 0);
    private final TopicPartition p1 = new TopicPartition(TOPIC, 1);
    /** The steps of a stop, in the order they happened (abort, abandoned batches, last commit, close). */
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final RecordingConsumer consumer = new RecordingConsumer();
    private final FakeStore store = new FakeStore();
    private final MockProducer<byte[], byte[]> deadLetterProducer =
            new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private ConsumeLoop loop;
    private BulkDispatcher dispatcher;
    private Thread thread;
    private final AtomicReference<Throwable> ended = new AtomicReference<>();

    @AfterEach
    void stop() throws InterruptedException {
        store.releaseAll();
        if (loop != null) {
            loop.stop(Deadline.after(WAIT, Clock.systemUTC()));
            thread.join(WAIT.toMillis());
            dispatcher.close(Duration.ofSeconds(1));
        }
    }

    @Test
    void revokedPartitionCommitsOnlyItsStoredBatchesAndNothingThatFinishesAfterTheHandOver() throws Exception {
        start(Duration.ofMillis(300));
        store.hold("0@2");
        add(p0, 0, 1);
        awaitCommitted(p0, 2);
        add(p0, 2, 3);
        store.awaitReceived("0@2");

        consumer.schedulePollTask(() -> consumer.rebalance(List.of(p1))); // p0 goes to another consumer
        await(() -> consumer.assignment().equals(Set.of(p1)), "p0 revoked");
        assertThat(consumer.commitsOf(p0)).as("the revocation commits the stored batch only").endsWith(2L);

        store.release("0@2");                 // the batch in flight when p0 was handed over finishes now
        add(p1, 0, 1);                        // its completion is drained before this later batch's
        awaitCommitted(p1, 2);
        assertThat(consumer.commitsOf(p0)).as("nothing after the hand-over").allMatch(offset -> offset <= 2);
    }

    @Test
    void aBatchStillRetryingHoldsBackItsPartitionWhileLaterBatchesAndOtherPartitionsCommit() throws Exception {
        start(Duration.ofSeconds(5));
        store.hold("0@0");                    // the cluster keeps answering 503 for it: retried, still in flight
        add(p0, 0, 1);
        store.awaitReceived("0@0");
        add(p0, 2);
        add(p1, 0);                           // batch {p0@2, p1@0}: stored at once
        awaitCommitted(p1, 1);
        add(p0, 3);
        add(p1, 1);                           // batch {p0@3, p1@1}: stored at once
        awaitCommitted(p1, 2);
        assertThat(consumer.commitsOf(p0)).as("p0@0..1 not stored yet: no commit may cover p0@2..3").isEmpty();

        store.release("0@0");
        awaitCommitted(p0, 4);
        assertThat(consumer.commitsOf(p0)).containsOnly(4L);
    }

    @Test
    void stoppingWithNoGraceAbandonsBatchesInFlightAndCommitsOnlyWhatWasStored() throws Exception {
        start(Duration.ZERO);
        store.hold("0@2");
        add(p0, 0, 1);
        awaitCommitted(p0, 2);
        add(p0, 2, 3);
        add(p1, 0, 1);
        store.hold("1@0");
        store.awaitReceived("0@2");
        store.awaitReceived("1@0");

        loop.stop(Deadline.after(WAIT, Clock.systemUTC()));
        thread.join(WAIT.toMillis());
        assertThat(thread.isAlive()).as("stopped despite batches in flight").isFalse();
        assertThat(ended.get()).isNull();
        assertThat(store.cancelled).containsExactlyInAnyOrder("0@2", "1@0");
        assertThat(consumer.commitsOf(p0)).allMatch(offset -> offset <= 2).endsWith(2L);
        assertThat(consumer.commitsOf(p1)).isEmpty();
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void theAbortPathCancelsRequestsThenCommitsThenEndsTheWorkersAndClosesTheConsumerLast() throws Exception {
        start(Duration.ZERO);
        add(p0, 0, 1);
        awaitCommitted(p0, 2);
        store.hold("0@2");
        add(p0, 2, 3);
        store.awaitReceived("0@2");

        loop.stop(Deadline.after(WAIT, Clock.systemUTC()));
        thread.join(WAIT.toMillis());

        assertThat(thread.isAlive()).isFalse();
        assertThat(events).hasSize(4);
        assertThat(events.subList(0, 2)).as("abandon marks the batches and cancels their requests")
                .containsExactlyInAnyOrder("requests aborted", "abandoned 0@2");
        assertThat(events.subList(2, 4)).containsExactly("commit [2]", "consumer closed after the bulk workers ended");
    }

    @Test
    void aGraceLongerThanTheStopDeadlineIsCutToItAndLeavesRoomForTheCommitAndTheCloses() throws Exception {
        Duration budget = Duration.ofSeconds(2);
        start(Duration.ofHours(1));           // shutdown_grace far beyond what the caller can give
        add(p0, 0, 1);
        awaitCommitted(p0, 2);
        store.hold("0@2");                    // a cluster that never answers for this batch
        add(p0, 2, 3);
        store.awaitReceived("0@2");

        long start = System.nanoTime();
        loop.stop(Deadline.after(budget, Clock.systemUTC()));
        thread.join(WAIT.toMillis());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        System.out.printf("stop with a 1 h grace and a %d ms deadline took %d ms%n", budget.toMillis(), took.toMillis());
        assertThat(thread.isAlive()).isFalse();
        assertThat(took).as("the grace gives way to the deadline").isLessThan(budget.plusMillis(500));
        assertThat(took).as("a quarter of the deadline is kept for the commit and closes")
                .isGreaterThanOrEqualTo(budget.multipliedBy(3).dividedBy(4).minusMillis(50));
        assertThat(store.cancelled).containsExactly("0@2");
        assertThat(events).endsWith("commit [2]", "consumer closed after the bulk workers ended");
    }

    @Test
    void aPoisonRecordIsCommittedOnlyOnceItsDeadLetterIsAcknowledged() throws Exception {
        start(Duration.ofSeconds(5));
        store.poison("0@1");
        add(p0, 0, 1);
        await(() -> deadLetterProducer.history().size() == 1, "dead letter sent");
        ProducerRecord<byte[], byte[]> letter = deadLetterProducer.history().get(0);
        assertThat(letter.topic()).isEqualTo("t.dlq");
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("line 0@1");
        assertThat(new String(letter.headers().lastHeader(DeadLetterPublisher.OFFSET).value(), StandardCharsets.UTF_8))
                .isEqualTo("1");

        add(p1, 0, 1);                        // a later batch completes meanwhile: the loop is not stuck
        awaitCommitted(p1, 2);
        assertThat(consumer.commitsOf(p0)).as("dead letter not acknowledged yet").isEmpty();

        deadLetterProducer.completeNext();
        awaitCommitted(p0, 2);
    }

    private void start(Duration grace) {
        ObjectMapper mapper = new ObjectMapper();
        Clock clock = Clock.systemUTC();
        TransferMetrics metrics = new TransferMetrics(new SimpleMeterRegistry());
        KafkaProblemLog problems = KafkaProblemLog.perMinute(
                new KafkaProblems("localhost:9092", KafkaSecurity.PLAINTEXT, "test"),
                LoggerFactory.getLogger(ConsumeLoopTest.class), clock);
        DeadLetterPublisher deadLetters = new DeadLetterPublisher(deadLetterProducer, "t.dlq", Duration.ofMillis(10),
                Duration.ofMillis(100), problems);
        dispatcher = new BulkDispatcher(store, deadLetters, metrics, 4, () -> events.add("requests aborted"));
        DocumentBuilder builder = new DocumentBuilder(mapper, clock, new TimestampExtractor(clock, ZoneOffset.UTC),
                new LevelExtractor(), new IndexNaming("logagent"), "json");
        loop = new ConsumeLoop(consumer, new Subscription(List.of(TOPIC), java.util.Optional.empty(), "t.dlq"), builder,
                dispatcher, metrics, clock, 1_000, 2, 10 << 20, Duration.ofHours(1), grace, problems);
        consumer.updateBeginningOffsets(Map.of(p0, 0L, p1, 0L));
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(p0, p1)));
        thread = new Thread(() -> {
            try {
                loop.run();
            } catch (Throwable e) {
                ended.set(e);
            }
        }, "test-consume-loop");
        thread.start();
        await(() -> consumer.assignment().equals(Set.of(p0, p1)), "partitions assigned");
    }

    private void add(TopicPartition p, long... offsets) {
        for (long offset : offsets) {
            byte[] value = ("line " + p.partition() + "@" + offset).getBytes(StandardCharsets.UTF_8);
            consumer.addRecord(new ConsumerRecord<>(p.topic(), p.partition(), offset, new byte[0], value));
        }
    }

    private void awaitCommitted(TopicPartition p, long offset) {
        await(() -> {
            List<Long> commits = consumer.commitsOf(p);
            return !commits.isEmpty() && commits.get(commits.size() - 1) == offset;
        }, p + " committed at " + offset);
    }

    private void await(BooleanSupplier condition, String what) {
        long until = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(ended.get()).as("consume loop failed").isNull();
            assertThat(System.nanoTime()).as("waiting for: " + what + "; commits " + consumer.commits).isLessThan(until);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static String name(LogDocument d) {
        return d.record().partition() + "@" + d.record().offset();
    }

    /** Kafka's MockConsumer, recording every offset committed per partition, and not spinning when idle. */
    private final class RecordingConsumer extends MockConsumer<byte[], byte[]> {
        final Map<TopicPartition, List<Long>> commits = new ConcurrentHashMap<>();

        RecordingConsumer() {
            super("earliest");
        }

        List<Long> commitsOf(TopicPartition p) {
            return List.copyOf(commits.getOrDefault(p, List.of()));
        }

        private void record(Map<TopicPartition, OffsetAndMetadata> offsets) {
            offsets.forEach((p, o) -> commits.computeIfAbsent(p, x -> new CopyOnWriteArrayList<>()).add(o.offset()));
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            record(offsets);
            super.commitSync(offsets);
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
            record(offsets);
            events.add("commit " + offsets.values().stream().map(OffsetAndMetadata::offset).toList());
            super.commitSync(offsets, timeout);
        }

        @Override
        public synchronized void close(CloseOptions options) {
            events.add("consumer closed after the bulk workers " + (dispatcher.closed() ? "ended" : "STILL RAN"));
            super.close(options);
        }

        @Override
        public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets,
                                             OffsetCommitCallback callback) {
            record(offsets);
            super.commitAsync(offsets, callback);
        }

        @Override
        public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
            if (records.isEmpty()) {
                try {
                    wait(5); // releases the monitor, so the test can add records meanwhile
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return records;
        }
    }

    /**
     * Stores every batch at once, except batches the test holds (as if the cluster kept answering 503, so the
     * indexer kept retrying) until it releases them or the transfer abandons them; poisoned records are refused
     * for their content.
     */
    private final class FakeStore implements BulkStore {
        private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();
        private final Set<String> poisoned = ConcurrentHashMap.newKeySet();
        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        final List<String> cancelled = new CopyOnWriteArrayList<>();

        void hold(String batch) {
            held.put(batch, new CountDownLatch(1));
        }

        void release(String batch) {
            held.get(batch).countDown();
        }

        void releaseAll() {
            held.values().forEach(CountDownLatch::countDown);
        }

        void poison(String record) {
            poisoned.add(record);
        }

        void awaitReceived(String batch) throws InterruptedException {
            long until = System.nanoTime() + WAIT.toNanos();
            while (!received.contains(batch)) {
                assertThat(System.nanoTime()).as("batch " + batch + " reached the store").isLessThan(until);
                Thread.sleep(5);
            }
        }

        @Override
        public BulkResult index(List<LogDocument> docs, CountDownLatch abandoned) throws InterruptedException {
            String batch = name(docs.get(0));
            received.add(batch);
            CountDownLatch release = held.get(batch);
            while (release != null && !release.await(5, TimeUnit.MILLISECONDS)) {
                if (abandoned.getCount() == 0) {
                    cancelled.add(batch);
                    events.add("abandoned " + batch);
                    throw new CancellationException("abandoned");
                }
            }
            List<BulkResult.Rejected> rejected = docs.stream().filter(d -> poisoned.contains(name(d)))
                    .map(d -> new BulkResult.Rejected(d, 400, "mapper_parsing_exception: poison")).toList();
            return new BulkResult(docs.size() - rejected.size(), rejected);
        }
    }
}
