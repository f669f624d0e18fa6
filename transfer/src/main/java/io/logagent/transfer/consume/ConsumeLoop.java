package io.logagent.transfer.consume;

import io.logagent.core.kafka.KafkaProblemLog;
import io.logagent.core.time.Deadline;
import io.logagent.transfer.document.DocumentBuilder;
import io.logagent.transfer.health.TransferMetrics;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The consumer thread: polls records, turns them into documents, batches them, hands batches to the
 * {@link BulkDispatcher} and commits offsets as batches finish. Commits only cover records whose documents are
 * stored or dead-lettered ({@link OffsetLedger}), so a crash at any point loses nothing: the uncommitted records
 * are consumed again and overwrite their documents (ids are deterministic).
 *
 * <p>Backpressure: at most {@code bufferLimit} documents are held (batching, waiting for a worker, in flight).
 * When that is reached every assigned partition is paused; {@code poll()} keeps being called so the consumer stays
 * in its group, and partitions resume once workers finish. A single poll can overshoot the limit by up to
 * {@code max.poll.records}.
 *
 * <p>Refusals by Kafka (credentials, certificates, a missing ACL) met after start are not fatal: they are reported
 * through the {@link KafkaProblemLog} (one named line a minute) and polling is retried with a growing pause, so the
 * transfer resumes by itself once the operator fixed the broker side.
 *
 * <p>Stopping: {@link #stop(Deadline)} hands one deadline to every step of the shutdown — batches in flight get
 * {@code grace} while it leaves a quarter of what is left for the steps after them, then are abandoned; the last
 * commit, the bulk workers' end and the consumer's close each wait only for what is left.
 *
 * <p>Ownership: the loop closes what it drives, on its own thread at the end of {@link #run()} (or by
 * {@link #discard} when it never ran): the consumer (not thread-safe, so it is closed where it is used) and the
 * {@link BulkDispatcher}, after its batches were drained or abandoned.
 *
 * <p>Threading: {@link #run()} and the rebalance callbacks run on the consumer thread; {@link #stop(Deadline)} may be
 * called from any thread and only signals.
 */
public final class ConsumeLoop implements ConsumerRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(ConsumeLoop.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration DRAIN = Duration.ofMillis(50);
    private static final Duration LAG_INTERVAL = Duration.ofSeconds(1);
    private static final Duration REFUSED_BACKOFF_MAX = Duration.ofSeconds(30);
    /** After a fatal error (no caller's deadline): what the last commit and the closes may take beyond the grace. */
    private static final Duration CLOSE_AFTER_FAILURE = Duration.ofSeconds(10);
    /** Of what is left at the stop, the share kept from the batches in flight for the commit and the closes. */
    private static final double KEEP_FOR_CLOSING = 0.25;

    private final Consumer<byte[], byte[]> consumer;
    private final Subscription subscription;
    private final DocumentBuilder builder;
    private final BulkDispatcher dispatcher;
    private final TransferMetrics metrics;
    private final Clock clock;
    private final int bufferLimit;
    private final Duration grace;
    private final KafkaProblemLog problems;
    private Duration refusedBackoff = Duration.ZERO;
    private final OffsetLedger ledger = new OffsetLedger();
    private final BatchAccumulator accumulator;
    /** Sealed batches waiting for a worker; bounded because consumption pauses at bufferLimit documents. */
    private final ArrayDeque<Batch> ready = new ArrayDeque<>();
    private volatile boolean stopping;
    /** Set by {@link #stop(Deadline)} before {@link #stopping}. */
    private volatile Deadline stopBy;
    private boolean closing;
    private boolean paused;
    private long buffered;
    private Instant nextLagUpdate = Instant.MIN;
    private Throwable failure;

    /**
     * @param bufferLimit   documents held at most before consumption pauses ([es] chan_size)
     * @param grace         how long a revoke or stop waits for batches in flight before it gives them up
     */
    public ConsumeLoop(Consumer<byte[], byte[]> consumer, Subscription subscription, DocumentBuilder builder,
                       BulkDispatcher dispatcher, TransferMetrics metrics, Clock clock, int bufferLimit,
                       int bulkMaxDocs, long bulkMaxBytes, Duration flushInterval, Duration grace,
                       KafkaProblemLog problems) {
        this.consumer = consumer;
        this.problems = problems;
        this.subscription = subscription;
        this.builder = builder;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.clock = clock;
        this.bufferLimit = bufferLimit;
        this.grace = grace;
        // A batch larger than the buffer could never fill: the buffer would pause consumption first.
        this.accumulator = new BatchAccumulator(ledger, clock, Math.min(bulkMaxDocs, bufferLimit), bulkMaxBytes,
                flushInterval);
    }

    /** Consumes until {@link #stop()} or a fatal error (rethrown), then flushes, commits and closes the consumer. */
    public void run() throws Exception {
        subscription.subscribe(consumer, this);
        try {
            while (!stopping && failure == null) {
                subscription.resubscribeIfChanged(consumer, this, TimeUnit.MILLISECONDS.toNanos(clock.millis()));
                if (!pollOnce()) {
                    continue;
                }
                accumulator.sealIfDue().ifPresent(ready::add);
                dispatchReady();
                drainCompletions(Duration.ZERO);
                commitAsync();
                updatePause();
                updateLag();
            }
        } catch (RuntimeException e) {
            failure = failure == null ? e : failure;
        } finally {
            shutdown();
        }
        if (failure != null) {
            throw failure instanceof Exception ex ? ex : new IllegalStateException(failure);
        }
    }

    /** Signals the stop; the shutdown's steps (see the class comment) end by {@code deadline}. */
    public void stop(Deadline deadline) {
        stopBy = deadline;
        stopping = true;
    }

    /** Closes the dispatcher and the consumer of a loop that never ran (the transfer's start failed). */
    public void discard(Deadline deadline) {
        dispatcher.close(deadline.remaining());
        consumer.close(CloseOptions.timeout(deadline.remaining()));
    }

    /** One poll; false when Kafka refused it (reported, then waited out), so the loop polls again. */
    private boolean pollOnce() throws InterruptedException {
        try {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                buffered++;
                accumulator.add(builder.build(record)).ifPresent(ready::add);
            }
        } catch (AuthenticationException | AuthorizationException e) {
            if (!problems.report(e)) {
                throw e;
            }
            refusedBackoff = refusedBackoff.isZero() ? Duration.ofSeconds(1)
                    : min(refusedBackoff.multipliedBy(2), REFUSED_BACKOFF_MAX);
            long until = System.nanoTime() + refusedBackoff.toNanos();
            while (!stopping && System.nanoTime() < until) {
                drainCompletions(DRAIN); // batches in flight still complete and get committed meanwhile
            }
            return false;
        }
        refusedBackoff = Duration.ZERO;
        problems.clear();
        return true;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void dispatchReady() {
        while (!ready.isEmpty() && dispatcher.trySubmit(ready.peekFirst())) {
            ready.pollFirst();
        }
    }

    private void drainCompletions(Duration wait) throws InterruptedException {
        BulkDispatcher.Completion c = dispatcher.poll(wait);
        while (c != null) {
            buffered -= c.batch().documents().size();
            switch (c.status()) {
                case STORED -> ledger.complete(c.batch().segments());
                case ABANDONED -> log.info("batch of {} documents abandoned; its records will be consumed again",
                        c.batch().documents().size());
                case FAILED -> failure = failure == null ? c.failure() : failure;
            }
            c = dispatcher.poll(Duration.ZERO);
        }
    }

    private void commitAsync() {
        Map<TopicPartition, OffsetAndMetadata> offsets = ledger.takeChanged();
        if (!offsets.isEmpty()) {
            consumer.commitAsync(offsets, (o, e) -> {
                if (e != null) {
                    // A later commit (or the synchronous one before a hand-over) covers these offsets again.
                    log.warn("offset commit failed, records may be consumed again: {}", e.toString());
                }
            });
        }
    }

    private void commitSync(String why, Deadline deadline) {
        Map<TopicPartition, OffsetAndMetadata> offsets = ledger.all();
        if (offsets.isEmpty()) {
            return;
        }
        try {
            if (deadline == null) {
                consumer.commitSync(offsets); // a hand-over: the group waits for it (default.api.timeout.ms)
            } else {
                consumer.commitSync(offsets, deadline.remaining());
            }
            log.debug("committed {} ({})", offsets, why);
        } catch (KafkaException e) {
            log.warn("offset commit ({}) failed, records may be consumed again: {}", why, e.toString());
        }
    }

    private void updatePause() {
        boolean full = buffered >= bufferLimit;
        if (full && !paused) {
            consumer.pause(consumer.assignment());
            log.info("{} documents buffered (limit {}), pausing consumption", buffered, bufferLimit);
        } else if (!full && paused) {
            consumer.resume(consumer.paused());
            log.info("buffer below its limit, resuming consumption");
        }
        paused = full;
        metrics.paused(paused);
        metrics.buffered(buffered);
    }

    private void updateLag() {
        Instant now = clock.instant();
        if (now.isBefore(nextLagUpdate)) {
            return;
        }
        nextLagUpdate = now.plus(LAG_INTERVAL);
        for (TopicPartition tp : consumer.assignment()) {
            OptionalLong lag = consumer.currentLag(tp);
            if (lag.isPresent()) {
                metrics.lag(tp, lag.getAsLong());
            }
        }
    }

    /** Waits (up to {@code settleBy}) until the given partitions, or everything when null, have nothing in flight. */
    private boolean awaitSettled(Collection<TopicPartition> partitions, Deadline settleBy) throws InterruptedException {
        while (failure == null && (partitions == null ? !ready.isEmpty() || dispatcher.inFlight() > 0
                : ledger.hasPending(partitions))) {
            if (settleBy.expired()) {
                return false;
            }
            dispatchReady();
            drainCompletions(DRAIN);
        }
        return failure == null;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        try {
            if (!closing) {
                accumulator.sealNow().ifPresent(ready::add);
                if (!awaitSettled(partitions, Deadline.after(grace, clock))) {
                    log.warn("giving up {} with unfinished batches; their records will be consumed again", partitions);
                }
            }
            commitSync("partitions revoked", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ledger.forget(partitions);
            metrics.forgetLag(partitions);
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        // Another consumer may already own them: committing now could move its offsets. Drop and forget.
        ledger.forget(partitions);
        metrics.forgetLag(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        log.info("assigned {}", partitions);
        if (paused) {
            consumer.pause(partitions);
        }
    }

    private void shutdown() {
        Deadline deadline = stopBy != null ? stopBy : Deadline.after(grace.plus(CLOSE_AFTER_FAILURE), clock);
        try {
            accumulator.sealNow().ifPresent(ready::add);
            if (!awaitSettled(null, deadline.leaving(KEEP_FOR_CLOSING).capped(grace))) {
                log.warn("stopping with {} batches unfinished after {}; abandoning them (they will be consumed again)",
                        ready.size() + dispatcher.inFlight(), grace);
                dispatcher.abandon();
                while (dispatcher.inFlight() > 0 && !deadline.expired()) {
                    drainCompletions(DRAIN);
                }
            }
            commitSync("stopping", deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("error while stopping the consumer loop", e);
        } finally {
            closing = true;
            dispatcher.close(deadline.remaining()); // abandoned workers that still run are interrupted
            consumer.close(CloseOptions.timeout(deadline.remaining()));
        }
    }
}
