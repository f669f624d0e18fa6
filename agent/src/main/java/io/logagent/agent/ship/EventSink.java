package io.logagent.agent.ship;

/**
 * Where harvesters hand events; implemented by the Kafka shipper.
 *
 * <p>Threading: called concurrently by every harvester thread. {@link #send} blocks while the agent's bounded
 * in-flight budget is used up, so a slow or absent Kafka pauses the tailers and the files themselves are the
 * buffer: nothing is dropped and memory stays bounded.
 */
public interface EventSink {

    /**
     * Queues one event for delivery. {@code listener} is called exactly once, when Kafka has acknowledged the event
     * or when it failed for good: from the producer's I/O thread for an event Kafka answered, but from the calling
     * (harvester) thread itself, before {@code send} returns, for an event that fails before it reaches Kafka (the
     * shipper stopping, a topic that does not exist, the producer closed). The harvester also acknowledges on its
     * own thread the lines it filters out, without calling {@code send}.
     *
     * <p>Events of one file are delivered in order: a retriable error the producer reports before it took the
     * event is retried inside {@code send}, which returns only once the event is taken. The one exception: a
     * retriable error after the producer took it (possible only with {@code [kafka.producer] delivery.timeout.ms}
     * set low enough to expire) re-sends that event alone, after events of its file sent meanwhile.
     *
     * @throws InterruptedException when the calling harvester is being stopped while waiting for room
     */
    void send(LogEvent event, AckListener listener) throws InterruptedException;

    /**
     * Callback of {@link #send}. Must be fast and must not block: it runs on the producer's I/O thread. Must also
     * be safe to run on the harvester's own thread, inside its call to {@code send} (see there).
     */
    interface AckListener {
        void acknowledged(LogEvent event);

        /** Delivery failed with a non-retriable error (e.g. authorization, unknown topic); the entry goes into error. */
        void failed(LogEvent event, Exception cause);
    }
}
