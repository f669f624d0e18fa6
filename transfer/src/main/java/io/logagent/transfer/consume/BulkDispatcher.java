package io.logagent.transfer.consume;

import io.logagent.transfer.health.TransferMetrics;
import io.logagent.transfer.index.BulkResult;
import io.logagent.transfer.index.BulkStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs batches on at most {@code maxInFlight} bulk worker threads ({@code transfer-bulk-N}) and hands each
 * outcome back to the consumer thread through a queue. {@link #trySubmit} never blocks: with every worker busy it
 * returns false and the consumer keeps the batch and pauses its partitions. The completion queue cannot overflow:
 * a worker enqueues its outcome before giving back its permit, so at most {@code maxInFlight} outcomes wait.
 *
 * <p>Ownership: the {@link ConsumeLoop} that drives it closes it, at the end of its run; the HTTP client its
 * workers use belongs to the transfer service, which closes it after the loop ended.
 */
public final class BulkDispatcher {

    /** How a batch ended. {@code failure} is set for FAILED only. */
    record Completion(Batch batch, Status status, Throwable failure) { }

    enum Status { STORED, ABANDONED, FAILED }

    private static final Logger log = LoggerFactory.getLogger(BulkDispatcher.class);

    private final BulkStore indexer;
    private final DeadLetterPublisher deadLetters;
    private final TransferMetrics metrics;
    private final Semaphore permits;
    private final BlockingQueue<Completion> completions;
    private final ExecutorService workers;
    private final CountDownLatch abandoned = new CountDownLatch(1);
    private final int maxInFlight;
    private final Runnable abortRequests;

    /**
     * @param abortRequests cancels the HTTP requests in flight (without closing the client, which others share), so
     *                      that abandoning does not wait for a hung cluster
     */
    public BulkDispatcher(BulkStore indexer, DeadLetterPublisher deadLetters, TransferMetrics metrics, int maxInFlight,
                   Runnable abortRequests) {
        this.indexer = indexer;
        this.abortRequests = abortRequests;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.maxInFlight = maxInFlight;
        this.permits = new Semaphore(maxInFlight);
        this.completions = new ArrayBlockingQueue<>(maxInFlight);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(maxInFlight, r -> {
            Thread t = new Thread(r, "transfer-bulk-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    boolean trySubmit(Batch batch) {
        if (!permits.tryAcquire()) {
            return false;
        }
        workers.execute(() -> run(batch));
        return true;
    }

    int inFlight() {
        return maxInFlight - permits.availablePermits();
    }

    Completion poll(Duration timeout) throws InterruptedException {
        return completions.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Makes workers give up their retries: their batches end ABANDONED and are not committed. */
    void abandon() {
        abandoned.countDown();
        abortRequests.run();
    }

    private void run(Batch batch) {
        Completion outcome;
        try {
            BulkResult result = indexer.index(batch.documents(), abandoned);
            if (!result.rejected().isEmpty()) {
                result.rejected().forEach(r -> log.warn("dead-lettering {}-{}@{}: {} {}", r.document().record().topic(),
                        r.document().record().partition(), r.document().record().offset(), r.status(), r.reason()));
                deadLetters.publish(result.rejected(), abandoned);
                metrics.deadLettered(result.rejected().size());
            }
            outcome = new Completion(batch, Status.STORED, null);
        } catch (CancellationException e) {
            outcome = new Completion(batch, Status.ABANDONED, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = new Completion(batch, Status.ABANDONED, null);
        } catch (RuntimeException | Error e) {
            outcome = abandoned.getCount() == 0
                    ? new Completion(batch, Status.ABANDONED, null) // the HTTP client was closed under us
                    : new Completion(batch, Status.FAILED, e);
        }
        completions.add(outcome); // never full, see the class comment
        permits.release();
    }

    /**
     * Waits at most {@code wait} for the workers to end, then interrupts them; call after {@link #abandon()} or
     * when nothing is in flight. The caller passes what is left of its stop budget.
     */
    public void close(Duration wait) {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                log.error("bulk workers still running {} ms after shutdown; interrupting them", wait.toMillis());
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** True once {@link #close} was called and every worker has ended. */
    boolean closed() {
        return workers.isTerminated();
    }
}
