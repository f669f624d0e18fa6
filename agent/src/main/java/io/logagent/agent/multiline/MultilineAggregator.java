package io.logagent.agent.multiline;

import io.logagent.core.collect.CollectEntry;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Joins physical lines into events: a line matching the start pattern begins a new event, any other line is
 * appended to the pending one with {@code \n} (a Java stack trace's {@code at …}, {@code Caused by:} and
 * {@code ... 12 more} lines), or with {@code multiline: auto} a line that begins with a timestamp ({@link AutoStart}).
 * Not thread-safe: owned by one harvester.
 *
 * <p>Memory is bounded by {@code maxBytes} per file: lines past {@code maxLines} or {@code maxBytes} are still
 * counted into the pending event's offsets (so they are acknowledged with it and never re-read as separate events)
 * but their bytes are dropped, and the event's original length records what was cut.
 */
public final class MultilineAggregator {

    /** The start pattern, or null for {@code multiline: auto}. */
    private final Pattern start;
    private final AutoStart auto;
    private final int maxLines;
    private final int maxBytes;
    private final long flushTimeoutMs;

    private byte[] buffer = new byte[256];
    private int length;
    private int lines;
    private long offset = -1;
    private long nextOffset;
    private long originalLength;
    private boolean cut;
    private long lastAddMillis;

    public MultilineAggregator(CollectEntry.Multiline config) {
        this(config, Integer.MAX_VALUE);
    }

    /**
     * @param maxEventBytes the agent-wide cap on one event (its max line size): an event larger than what the
     *                      producer may send would put the whole entry into error, so the entry's own
     *                      {@code max_bytes} can only lower it
     */
    public MultilineAggregator(CollectEntry.Multiline config, int maxEventBytes) {
        this.start = config.auto() ? null : Pattern.compile(config.startPattern());
        this.auto = config.auto() ? new AutoStart() : null;
        this.maxLines = config.maxLines();
        this.maxBytes = Math.min(config.maxBytes(), maxEventBytes);
        this.flushTimeoutMs = config.flushTimeoutMs();
    }

    /** Adds one physical line; returns the event it completed (the previous pending one), or null. */
    public Line add(Line line, long nowMillis) {
        Line completed = null;
        // auto sees every line, the first one too: it learns the file's stamp family from it
        boolean starts = auto != null ? auto.startsEvent(line.value()) : hasPending() && startsEvent(line);
        if (hasPending() && starts) {
            completed = flush();
        }
        append(line);
        lastAddMillis = nowMillis;
        return completed;
    }

    /** The pending event when no line was added for the flush timeout, else null. */
    public Line flushIfIdle(long nowMillis) {
        return hasPending() && nowMillis - lastAddMillis >= flushTimeoutMs ? flush() : null;
    }

    /** The pending event now (end of a rotated file), or null. */
    public Line flush() {
        if (!hasPending()) {
            return null;
        }
        Line event = new Line(offset, nextOffset, Arrays.copyOf(buffer, length), cut ? originalLength : -1);
        reset();
        return event;
    }

    public boolean hasPending() {
        return offset >= 0;
    }

    /** Forgets the pending event (the file is read again from an earlier offset). */
    public void reset() {
        offset = -1;
        length = 0;
        lines = 0;
        originalLength = 0;
        cut = false;
        if (buffer.length > 64 << 10) {
            buffer = new byte[256]; // give back what one huge trace took
        }
    }

    private boolean startsEvent(Line line) {
        return start.matcher(new String(line.value(), StandardCharsets.UTF_8)).find();
    }

    private void append(Line line) {
        byte[] value = line.value();
        long lineOriginal = line.truncated() ? line.originalLength() : value.length;
        if (!hasPending()) {
            offset = line.offset();
        } else {
            originalLength += 1; // the joining \n
        }
        originalLength += lineOriginal;
        cut |= line.truncated();
        nextOffset = line.nextOffset();
        lines++;
        int separator = lines > 1 ? 1 : 0;
        int room = maxBytes - length - separator;
        if (lines > maxLines || room < 0) {
            cut = true;
            return;
        }
        int take = Math.min(value.length, room);
        ensureCapacity(length + separator + take);
        if (separator == 1) {
            buffer[length++] = '\n';
        }
        System.arraycopy(value, 0, buffer, length, take);
        length += take;
        if (take < value.length) {
            cut = true;
        }
    }

    private void ensureCapacity(int needed) {
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(needed, Math.min(maxBytes, buffer.length * 2)));
        }
    }
}
