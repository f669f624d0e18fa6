package io.logagent.agent.ship;

import java.util.concurrent.Semaphore;

/**
 * Bounds what is handed to Kafka but not yet acknowledged, both in records ({@code chan_max_size}) and in bytes
 * ({@code max_in_flight_bytes}). When either is used up, {@link #acquire} blocks the harvester: it stops reading and
 * the file on disk is the buffer, so a Kafka outage costs no memory and loses nothing.
 *
 * <p>An event counts its line plus {@link #EVENT_OVERHEAD_BYTES}, what it costs on the heap besides the line while
 * in flight, so that the byte budget bounds the heap the events take even for short lines (100,000 records in
 * flight, the seed's {@code chan_max_size}, would otherwise take about 45 MB of heap beyond their lines).
 *
 * <p>Fair semaphores, so a large event waiting for bytes is not overtaken forever by small ones. An event larger
 * than the whole byte budget takes all of it (it waits until nothing else is in flight) instead of deadlocking.
 */
final class InFlightBudget {
    /**
     * Heap per event in flight besides its line: the event, its record and headers, its offset header, the
     * producer's future and callback, the acknowledgement slot (about 440 B on a 64-bit JVM with
     * compressed references, estimated from the objects' layouts, not measured), rounded up.
     */
    static final int EVENT_OVERHEAD_BYTES = 512;

    private final Semaphore records;
    private final Semaphore bytes;
    private final int maxRecords;
    private final long maxBytes;

    InFlightBudget(int maxRecords, long maxBytes) {
        if (maxBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("max in-flight bytes above 2 GiB: " + maxBytes);
        }
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
        this.records = new Semaphore(maxRecords, true);
        this.bytes = new Semaphore((int) maxBytes, true);
    }

    /** Takes room for one event; returns the byte permits taken, to give back with {@link #release}. */
    int acquire(int eventBytes) throws InterruptedException {
        int take = (int) Math.min((long) eventBytes + EVENT_OVERHEAD_BYTES, maxBytes);
        records.acquire();
        try {
            bytes.acquire(take);
        } catch (InterruptedException e) {
            records.release();
            throw e;
        }
        return take;
    }

    void release(int taken) {
        bytes.release(taken);
        records.release();
    }

    long bytesInFlight() {
        return maxBytes - bytes.availablePermits();
    }

    int recordsInFlight() {
        return maxRecords - records.availablePermits();
    }
}
