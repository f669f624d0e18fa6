package io.logagent.agent.ship;

import io.logagent.core.collect.CollectEntry;

/**
 * One event read from a file: a line, or several lines joined by multiline rules. Immutable; handed from a
 * harvester to the {@link EventSink}.
 *
 * @param entry          the collect entry that found the file (topic, fields, key)
 * @param fileId         stable identity of the file: {@code dev:inode:fingerprint}
 * @param path           the path the file was opened by
 * @param offset         byte offset of the event's first byte in the file
 * @param nextOffset     byte offset just after the event, including its line ending: where to resume once acked
 * @param value          the event's bytes without the final line ending (raw: invalid UTF-8 passes unchanged)
 * @param readTimeMillis when the event was read (the Clock's millis)
 * @param originalLength the length before cutting at the maximum line size, or -1 when not cut
 */
public record LogEvent(CollectEntry entry, String fileId, String path, long offset, long nextOffset, byte[] value,
                       long readTimeMillis, long originalLength) {

    public boolean truncated() {
        return originalLength >= 0;
    }
}
