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
     * Queues one event for delivery. {@code listener} is called exactly once, from a shipper thread, when Kafka
     * has acknowledged the event or when it failed for good. Events of one file are delivered in order.
     *
     * @throws InterruptedException when the calling harvester is being stopped while waiting for room
     */
    void send(LogEvent event, AckListener listener) throws InterruptedException;

    /** Callback of {@link #send}. Must be fast and must not block: it runs on the producer's I/O thread. */
    interface AckListener {
        void acknowledged(LogEvent event);

        /** Delivery failed with a non-retriable error (e.g. authorization, unknown topic); the entry goes into error. */
        void failed(LogEvent event, Exception cause);
    }
}
