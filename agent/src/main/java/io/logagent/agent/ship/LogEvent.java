package io.logagent.agent.ship;

import io.logagent.core.collect.CollectEntry;

/**
 * One event read from a file: a line, or several lines joined by multiline rules. Immutable; handed from a
 * harvester to the {@link EventSink}.
 *
 * @param source         the file it was read from, with its collect entry (shared by all of the file's events)
 * @param offset         byte offset of the event's first byte in the file
 * @param nextOffset     byte offset just after the event, including its line ending: where to resume once acked
 * @param value          the event's bytes without the final line ending (raw: invalid UTF-8 passes unchanged)
 * @param readTimeMillis when the event was read (the Clock's millis)
 * @param originalLength the length before cutting at the maximum line size, or -1 when not cut
 */
public record LogEvent(EventSource source, long offset, long nextOffset, byte[] value, long readTimeMillis,
                       long originalLength) {

    /** An event of a source made for it alone (tests, one-off events); harvesters share one source per file. */
    public LogEvent(CollectEntry entry, String fileId, String path, long offset, long nextOffset, byte[] value,
                    long readTimeMillis, long originalLength) {
        this(new EventSource(entry, fileId, path), offset, nextOffset, value, readTimeMillis, originalLength);
    }

    public CollectEntry entry() {
        return source.entry();
    }

    public String fileId() {
        return source.fileId();
    }

    public String path() {
        return source.path();
    }

    public boolean truncated() {
        return originalLength >= 0;
    }
}
