package io.logagent.agent.ship;

import io.logagent.core.collect.CollectEntry;
import io.logagent.core.collect.CollectEntry.RecordKey;
import io.logagent.core.event.LogHeaders;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where events come from: one file of one collect entry, under the path it was opened by. Made once per file (and
 * again when the file is renamed within the glob), so that what is the same for all of a file's lines is encoded
 * once instead of per line: the path, file id, module and field headers, the record key and the file id's hash
 * that picks the partition. Immutable; the headers are shared by every record of the file (Kafka only reads them).
 * The file id is {@code dev:inode:fingerprint}.
 */
public final class EventSource {
    private final CollectEntry entry;
    private final String fileId;
    private final String path;
    private final Header[] fileHeaders;
    private final byte[] key;
    private final int fileIdHash;

    public EventSource(CollectEntry entry, String fileId, String path) {
        this.entry = entry;
        this.fileId = fileId;
        this.path = path;
        this.fileHeaders = fileHeaders(entry, fileId, path);
        this.key = key(entry, path);
        this.fileIdHash = Utils.toPositive(Utils.murmur2(utf8(fileId)));
    }

    public CollectEntry entry() {
        return entry;
    }

    public String fileId() {
        return fileId;
    }

    public String path() {
        return path;
    }

    /** Shared by every record of the file: never modify. */
    Header[] fileHeaders() {
        return fileHeaders;
    }

    /** The record key ({@code "key"} of the entry), or null to partition by {@link #fileIdHash}. */
    byte[] key() {
        return key;
    }

    /** Picks a keyless record's partition, so that one file's lines stay in order on one partition. */
    int fileIdHash() {
        return fileIdHash;
    }

    /** Path, file id, module, time zone, timestamp format and {@code field.*} headers: everything per file except the host (per agent). */
    private static Header[] fileHeaders(CollectEntry entry, String fileId, String path) {
        List<Header> h = new ArrayList<>();
        h.add(new RecordHeader(LogHeaders.PATH, utf8(path)));
        h.add(new RecordHeader(LogHeaders.FILE_ID, utf8(fileId)));
        if (entry.module() != null) {
            h.add(new RecordHeader(LogHeaders.MODULE, utf8(entry.module())));
        }
        if (entry.timeZone() != null) {
            h.add(new RecordHeader(LogHeaders.TIME_ZONE, utf8(entry.timeZone())));
        }
        if (entry.timestamp() != null) {
            h.add(new RecordHeader(LogHeaders.TIMESTAMP_PATTERN, utf8(entry.timestamp().pattern())));
            if (entry.timestamp().regex() != null) {
                h.add(new RecordHeader(LogHeaders.TIMESTAMP_REGEX, utf8(entry.timestamp().regex())));
            }
        }
        for (Map.Entry<String, String> f : entry.fields().entrySet()) {
            h.add(new RecordHeader(LogHeaders.FIELD_PREFIX + f.getKey(), utf8(f.getValue())));
        }
        return h.toArray(Header[]::new);
    }

    private static byte[] key(CollectEntry entry, String path) {
        RecordKey key = entry.key();
        return switch (key.kind()) {
            case NONE -> null;
            case PATH -> utf8(path);
            case FIELD -> utf8(entry.fields().get(key.field()));
        };
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
