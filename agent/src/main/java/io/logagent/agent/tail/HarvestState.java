package io.logagent.agent.tail;

/**
 * What a harvester is doing with its file, as the status shows it ({@link #name()}). DRAINING is RUNNING for a file
 * renamed away or deleted: read to its end, closed once idle for {@code rotated_close_after_ms} (a writer may still
 * append through its old handle).
 */
enum HarvestState {
    RUNNING,
    /** Renamed away or deleted, still read to its end: only shown ({@link #shown}), never a harvester's own state. */
    DRAINING,
    /** Starts like a file being read: held unread as its possible copytruncate copy, up to copytruncate_wait_ms. */
    HELD,
    /** A copytruncate copy: its lines are read from the original (and its unread rest from here, by the original). */
    COPY,
    /** Delivery or reading failed: read again from the last acknowledged offset after a backoff. */
    ERROR,
    CLOSED;

    HarvestState shown(boolean unlinked) {
        return unlinked && this == RUNNING ? DRAINING : this;
    }
}
