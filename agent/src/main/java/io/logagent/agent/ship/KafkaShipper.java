package io.logagent.agent.ship;

import io.logagent.core.kafka.KafkaProblemLog;
import io.logagent.core.kafka.KafkaProblems;
import io.logagent.core.kafka.KafkaSecurity;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Ships events to Kafka, one record per event. Memory is bounded by an {@link InFlightBudget}: {@link #send} blocks
 * the harvester while the budget is used up and the budget comes back when Kafka acknowledges.
 *
 * <p>Errors: the producer itself retries retriable errors in order (idempotent, {@code delivery.timeout.ms} has no
 * practical limit), so a Kafka outage just holds the budget until Kafka is back. A retriable error that the
 * producer reports before it took the record (the metadata wait of {@code max.block.ms} ran out: Kafka away when a
 * topic's metadata had to be fetched) is retried by the sending thread itself after {@link #retryBackoff}, before
 * {@link #send} returns, so the file's next line is not sent before it. A non-retriable error (authorization,
 * record too large, a topic that does not exist) goes to {@link AckListener#failed} so that entry goes to ERROR
 * while others go on.
 *
 * <p>Order: events without a key go to a partition chosen from their file's id, so one file's lines stay in order
 * on one partition; a key ({@code "key":"path"} or a field) is hashed by the producer as usual. One exception: a
 * retriable error reported after the producer took the record (only when {@code [kafka.producer]
 * delivery.timeout.ms} is set low enough to expire) re-sends that record alone, from thread
 * {@code logagent-shipper-retry}, after lines of its file sent meanwhile.
 *
 * <p>Threads: {@link #send} is called by harvester threads; callbacks run on the producer's I/O thread, or on the
 * calling thread for an event that fails before it reaches the producer; late retries on one thread named
 * {@code logagent-shipper-retry}. The callback runs once per line on the one I/O thread, so it
 * looks nothing up: the topic's meters travel with the event ({@link Pending}).
 */
public final class KafkaShipper implements EventSink {
    private static final Logger log = LoggerFactory.getLogger(KafkaShipper.class);

    private final Producer<byte[], byte[]> producer;
    private final EventRecords records;
    private final InFlightBudget budget;
    private final ShipperMetrics metrics;
    private final Duration retryBackoff;
    private final TopicCatalog topics;
    private final KafkaProblemLog problems;
    /**
     * Partition count and meters by topic, read once: a topic's count changing while running would break per-file
     * order. One entry per topic of the config.
     */
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    /**
     * Topics found missing, with when to ask again: the events of a read buffer all fail at once instead of each
     * asking Kafka. Holds one small entry per topic of the config, so it is bounded by the config.
     */
    private final Map<String, Missing> missingTopics = new ConcurrentHashMap<>();
    /** Holds at most one task per event in flight, so it is bounded by the in-flight budget. */
    private final ScheduledThreadPoolExecutor retries;
    /** Events waiting in {@link #retries}, so that they can be failed if the shipper stops first. */
    private final Map<Pending, Boolean> awaitingRetry = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    /** Like the full constructor, reporting configuration problems as a plaintext client of "kafka". */
    public KafkaShipper(Producer<byte[], byte[]> producer, TopicCatalog topics, String host, int maxInFlightRecords,
                        long maxInFlightBytes, MeterRegistry meters, Duration retryBackoff) {
        this(producer, topics, host, maxInFlightRecords, maxInFlightBytes, meters, retryBackoff,
                KafkaProblemLog.perMinute(new KafkaProblems("kafka", KafkaSecurity.PLAINTEXT, NEEDS), log,
                        Clock.systemUTC()));
    }

    /** What the agent's Kafka user must be allowed, for the hint of a missing ACL. */
    public static final String NEEDS = "the agent needs Write and Describe on its topics";

    /**
     * @param topics   asked before a topic's first record whether it exists; closed with the shipper
     * @param problems where failures that are configuration problems (credentials, certificates, ACLs) go instead
     *                 of one log line per event: one named line a minute, shown in the status
     */
    public KafkaShipper(Producer<byte[], byte[]> producer, TopicCatalog topics, String host, int maxInFlightRecords,
                        long maxInFlightBytes, MeterRegistry meters, Duration retryBackoff, KafkaProblemLog problems) {
        this.producer = producer;
        this.topics = topics;
        this.problems = problems;
        this.records = new EventRecords(host);
        this.budget = new InFlightBudget(maxInFlightRecords, maxInFlightBytes);
        this.metrics = new ShipperMetrics(meters, budget);
        this.retryBackoff = retryBackoff;
        this.retries = new ScheduledThreadPoolExecutor(1, r -> new Thread(r, "logagent-shipper-retry"));
    }

    /** Nothing to start: the producer connects lazily. Present for the agent's uniform lifecycle. */
    public void start() {
    }

    @Override
    public void send(LogEvent event, AckListener listener) throws InterruptedException {
        if (stopping) {
            listener.failed(event, new IllegalStateException("the shipper is stopping"));
            return;
        }
        int permits = budget.acquire(event.value().length);
        Route route;
        ProducerRecord<byte[], byte[]> record;
        try {
            route = routeFor(event.entry().topic());
            Integer partition = event.source().key() == null ? event.source().fileIdHash() % route.partitions : null;
            record = records.toRecord(event, partition);
        } catch (InterruptedException e) {
            budget.release(permits);
            throw e;
        } catch (KafkaException e) {
            fail(new Pending(event, listener, permits, null, null), e);
            return;
        }
        dispatchInOrder(new Pending(event, listener, permits, record, route.meters));
    }

    /**
     * Sends {@code p}, and while the producer refuses it before taking it (a retriable error reported during
     * {@code send}), sends it again after {@link #retryBackoff} on this thread: the caller's next event waits.
     */
    private void dispatchInOrder(Pending p) throws InterruptedException {
        while (true) {
            dispatch(p);
            Exception refused = p.refusedBeforeAppend;
            if (refused == null) {
                return;
            }
            p.refusedBeforeAppend = null;
            if (stopping) {
                fail(p, refused);
                return;
            }
            metrics.retried();
            log.warn("retrying an event of {} to topic {} in {}, before the file's next line: {}", p.event.path(),
                    p.event.entry().topic(), retryBackoff, refused.toString());
            try {
                Thread.sleep(retryBackoff.toMillis());
            } catch (InterruptedException e) {
                fail(p, refused);
                throw e;
            }
        }
    }

    /** Signals: new events are refused; what is in flight still gets its chance in {@link #awaitStop}. */
    public void stop() {
        stopping = true;
    }

    /** Flushes what is in flight (up to {@code timeout}), then closes the producer; unsent events fail. */
    public boolean awaitStop(Duration timeout) {
        stopping = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        retries.shutdown();
        boolean clean;
        try {
            clean = retries.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            clean = false;
        }
        retries.shutdownNow();
        for (Pending p : awaitingRetry.keySet()) {
            if (awaitingRetry.remove(p) != null) {
                fail(p, new IllegalStateException("the shipper stopped before the retry"));
            }
        }
        producer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        topics.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        return clean && budget.recordsInFlight() == 0;
    }

    private void dispatch(Pending p) {
        p.sendingThread = Thread.currentThread();
        try {
            producer.send(p.record, p);
        } catch (InterruptException e) {
            // The record may or may not be queued; the harvester re-reads from its acknowledged offset anyway.
            fail(p, e);
            Thread.currentThread().interrupt();
        } catch (KafkaException e) { // e.g. the producer is closed
            fail(p, e);
        } finally {
            p.sendingThread = null;
        }
    }

    private void onCompletion(Pending p, Exception error) {
        if (error == null) {
            problems.clear();
            budget.release(p.permits);
            p.meters.sent(p.event.value().length);
            p.listener.acknowledged(p.event);
        } else if (error instanceof RetriableException && !stopping && p.sendingThread == Thread.currentThread()) {
            p.refusedBeforeAppend = error; // reported during producer.send: dispatchInOrder retries in place
        } else if (error instanceof RetriableException && !stopping) {
            metrics.retried();
            log.warn("retrying an event of {} to topic {} in {}: {}", p.event.path(), p.event.entry().topic(),
                    retryBackoff, error.toString());
            awaitingRetry.put(p, Boolean.TRUE);
            retries.schedule(() -> {
                if (awaitingRetry.remove(p) != null) {
                    try {
                        dispatchInOrder(p);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt(); // the shipper stops; dispatchInOrder failed the event
                    }
                }
            }, retryBackoff.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            fail(p, error);
        }
    }

    private void fail(Pending p, Exception error) {
        budget.release(p.permits);
        if (!stopping) {
            metrics.failed();
        }
        if (!stopping && !problems.report(error)) {
            log.error("cannot ship events of {} to topic {}: {}", p.event.path(), p.event.entry().topic(),
                    error.toString());
        }
        p.listener.failed(p.event, error);
    }

    /**
     * The topic's partition count (a keyless event goes to its file id's hash modulo it, so one file keeps to one
     * partition) and meters. Asked for every event, keyed ones too, so that a missing topic fails the entry now
     * instead of a send waiting on metadata. The first event of a topic asks the {@link TopicCatalog}, retrying
     * while Kafka is unreachable (the harvester waits, the file is the buffer); a missing topic throws (a
     * {@link KafkaException}: the event fails).
     */
    private Route routeFor(String topic) throws InterruptedException {
        Route route = routes.get(topic);
        while (route == null) {
            Missing known = missingTopics.get(topic);
            if (known != null && System.nanoTime() < known.askAgainNanos) {
                throw known.cause;
            }
            try {
                int n = topics.partitions(topic);
                if (n > 0) {
                    route = new Route(n, metrics.forTopic(topic));
                    routes.put(topic, route);
                    missingTopics.remove(topic);
                }
            } catch (TimeoutException e) {
                log.warn("Kafka unreachable while looking up topic {} ({}); retrying in {}", topic, e.getMessage(),
                        retryBackoff);
                Thread.sleep(retryBackoff.toMillis());
            } catch (KafkaException e) { // missing topic, no authorization: fatal for the events of this topic
                missingTopics.put(topic, new Missing(System.nanoTime() + retryBackoff.toNanos(), e));
                throw e;
            }
        }
        return route;
    }

    private record Route(int partitions, ShipperMetrics.TopicMeters meters) {
    }

    private record Missing(long askAgainNanos, KafkaException cause) {
    }

    /**
     * An event between send and its outcome, and its producer callback (one object per line, not two); identity
     * equality (each send is its own).
     */
    private final class Pending implements Callback {
        final LogEvent event;
        final AckListener listener;
        final int permits;
        final ProducerRecord<byte[], byte[]> record;
        final ShipperMetrics.TopicMeters meters;
        /** The thread inside {@code producer.send} for this event, while it is; a callback on it came from send. */
        volatile Thread sendingThread;
        /** A retriable error the producer reported before it took the record; read by the sending thread. */
        volatile Exception refusedBeforeAppend;

        Pending(LogEvent event, AckListener listener, int permits, ProducerRecord<byte[], byte[]> record,
                ShipperMetrics.TopicMeters meters) {
            this.event = event;
            this.listener = listener;
            this.permits = permits;
            this.record = record;
            this.meters = meters;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception error) {
            KafkaShipper.this.onCompletion(this, error);
        }
    }
}
