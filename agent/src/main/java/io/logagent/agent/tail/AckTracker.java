package io.logagent.agent.tail;

import io.logagent.agent.ship.EventSink;
import io.logagent.agent.ship.LogEvent;

import java.util.ArrayDeque;
import java.util.function.LongConsumer;

/**
 * One file's events in flight, in the order they were sent. Acknowledgements may come back out of order (events
 * of one file can land on different partitions), so the committed offset only moves to the end of the longest
 * acknowledged prefix: a crash then re-sends, and never skips.
 *
 * <p>Threading: {@link #track} and {@link #rewind} run on the harvester thread; the {@link Slot} callbacks on the
 * shipper's I/O thread. All state is guarded by this object's monitor; {@code onAdvance} runs under it too, so
 * offsets reach the registry in order, and must be fast (it is a map put).
 *
 * <p>Bounded by the sink: the sink blocks the harvester once its in-flight budget is used, so the deque holds at
 * most that many small slots.
 */
final class AckTracker {

    private final ArrayDeque<Slot> inFlight = new ArrayDeque<>();
    private final LongConsumer onAdvance;
    private long acked;
    private int generation;
    private Exception failure;
    private boolean closed;
    private Runnable onDrained;

    AckTracker(long startOffset, LongConsumer onAdvance) {
        this.acked = startOffset;
        this.onAdvance = onAdvance;
    }

    /** Registers an event about to be sent; the returned slot is its listener. */
    synchronized Slot track(long nextOffset) {
        Slot slot = new Slot(this, generation, nextOffset);
        inFlight.addLast(slot);
        return slot;
    }

    synchronized long ackedOffset() {
        return acked;
    }

    synchronized int inFlight() {
        return inFlight.size();
    }

    /** The first delivery failure since the last rewind, or null. */
    synchronized Exception failure() {
        return failure;
    }

    /**
     * Forgets everything in flight (late callbacks of those events are ignored) and restarts accounting at
     * {@code offset}: after a failure from the last acknowledged offset, after a truncation from 0.
     */
    synchronized void rewind(long offset) {
        generation++;
        inFlight.clear();
        failure = null;
        if (offset != acked) {
            acked = offset;
            advanced();
        }
    }

    /** No more registry updates: the file is closed and its entry may be removed or left to age. */
    synchronized void close() {
        closed = true;
    }

    /**
     * The file's generation ended (truncated): nothing more is tracked, but what is in flight still moves the offset,
     * and once all of it is acknowledged {@code onDrained} runs, once. Until then the registry keeps the generation,
     * so an agent killed meanwhile reads its unacknowledged rest again (from its copy).
     */
    synchronized void retire(Runnable whenDrained) {
        onDrained = whenDrained;
        drainedCheck();
    }

    private void drainedCheck() {
        if (onDrained != null && inFlight.isEmpty() && !closed) {
            closed = true;
            onDrained.run();
        }
    }

    private synchronized void acknowledged(Slot slot) {
        if (slot.generation != generation) {
            return;
        }
        slot.acked = true;
        long before = acked;
        while (!inFlight.isEmpty() && inFlight.peekFirst().acked) {
            acked = inFlight.pollFirst().nextOffset;
        }
        if (acked != before) {
            advanced();
        }
        drainedCheck();
    }

    private synchronized void failed(Slot slot, Exception cause) {
        if (slot.generation == generation && failure == null) {
            failure = cause;
        }
    }

    private void advanced() {
        if (!closed) {
            onAdvance.accept(acked);
        }
    }

    /** One event's place in the order; also its acknowledgement listener. */
    static final class Slot implements EventSink.AckListener {
        private final AckTracker tracker;
        private final int generation;
        private final long nextOffset;
        private boolean acked;

        private Slot(AckTracker tracker, int generation, long nextOffset) {
            this.tracker = tracker;
            this.generation = generation;
            this.nextOffset = nextOffset;
        }

        @Override
        public void acknowledged(LogEvent event) {
            tracker.acknowledged(this);
        }

        @Override
        public void failed(LogEvent event, Exception cause) {
            tracker.failed(this, cause);
        }
    }
}
