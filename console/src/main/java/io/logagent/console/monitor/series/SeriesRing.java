package io.logagent.console.monitor.series;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code capacity} points of one series, in a fixed array: when full, each new point overwrites the oldest
 * (that is the point of a "last hour" window, not a loss to report; {@link #overwritten()} still counts them). A point
 * without a value (the source failed or a counter restarted) is kept as a gap, so the chart shows the hole.
 */
public final class SeriesRing {

    /** {@code value} null = no value for that sample (a gap). */
    public record Point(Instant time, Double value) { }

    private final long[] times;
    private final double[] values;
    private int next;
    private int size;
    private long overwritten;

    public SeriesRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        times = new long[capacity];
        values = new double[capacity];
    }

    /** @param value NaN = a gap */
    public synchronized void add(Instant time, double value) {
        if (size == times.length) {
            overwritten++;
        } else {
            size++;
        }
        times[next] = time.toEpochMilli();
        values[next] = value;
        next = (next + 1) % times.length;
    }

    /** Oldest first. */
    public synchronized List<Point> points() {
        List<Point> out = new ArrayList<>(size);
        int first = (next - size + times.length) % times.length;
        for (int i = 0; i < size; i++) {
            int at = (first + i) % times.length;
            out.add(new Point(Instant.ofEpochMilli(times[at]), Double.isNaN(values[at]) ? null : values[at]));
        }
        return out;
    }

    public int capacity() {
        return times.length;
    }

    /** Points pushed out by newer ones since the start. */
    public synchronized long overwritten() {
        return overwritten;
    }
}
