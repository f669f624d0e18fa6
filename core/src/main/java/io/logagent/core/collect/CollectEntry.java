package io.logagent.core.collect;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One thing to collect, as an element of the JSON list stored in etcd. The seed project knew only {@code path}
 * and {@code topic} (and, in a later variant, {@code module}); everything else is optional with a default that
 * behaves like the seed.
 *
 * @param path         an absolute file path or glob ({@code *}, {@code ?}, {@code **}, {@code [..]})
 * @param topic        the Kafka topic
 * @param module       the seed's optional label; sent as a header when present
 * @param from         where a file found at the agent's very first start begins
 * @param multiline    how lines are joined into events; {@code null} means one line = one event
 * @param fields       static key/values sent as record headers
 * @param includeLines when non-empty, only lines matching one of these are sent
 * @param excludeLines lines matching one of these are dropped (counted)
 * @param excludeFiles globs of files under {@code path} that are never read
 * @param rateLimit    lines per second for this entry, 0 for unlimited
 * @param key          what becomes the Kafka record key
 */
public record CollectEntry(String path, String topic, String module, StartPosition from, Multiline multiline,
                           Map<String, String> fields, List<String> includeLines, List<String> excludeLines,
                           List<String> excludeFiles, int rateLimit, RecordKey key) {

    public CollectEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(topic, "topic");
        from = from == null ? StartPosition.END : from;
        fields = fields == null ? Map.of() : Map.copyOf(fields);
        includeLines = includeLines == null ? List.of() : List.copyOf(includeLines);
        excludeLines = excludeLines == null ? List.of() : List.copyOf(excludeLines);
        excludeFiles = excludeFiles == null ? List.of() : List.copyOf(excludeFiles);
        key = key == null ? RecordKey.NONE : key;
    }

    /** The seed's entry: just a path and a topic. */
    public static CollectEntry of(String path, String topic) {
        return new CollectEntry(path, topic, null, null, null, null, null, null, null, 0, null);
    }

    /** Identity used by hot reload: the same path to the same topic is the same entry, whatever else changed. */
    public String id() {
        return path + " -> " + topic;
    }

    /** Where a file that already exists at the agent's very first start is read from. */
    public enum StartPosition { BEGINNING, END }

    /**
     * Joins physical lines into one event. A line matching {@code startPattern} starts a new event; any other line
     * is appended to the current one (a Java stack trace's {@code at …} and {@code Caused by:} lines).
     */
    public record Multiline(String startPattern, int maxLines, int maxBytes, long flushTimeoutMs) {
        /** Starts an event at every line that does not begin with whitespace, "at ", "Caused by:" or "...". */
        public static final String JAVA_START_PATTERN = "^(?![\\s]|at\\s|Caused by:|\\.\\.\\.|Suppressed:)";

        public static Multiline java() {
            return new Multiline(JAVA_START_PATTERN, 500, 1 << 20, 1000);
        }
    }

    /** The Kafka record key: none (the seed's choice), the file path, or the value of one of {@code fields}. */
    public record RecordKey(Kind kind, String field) {
        public static final RecordKey NONE = new RecordKey(Kind.NONE, null);
        public static final RecordKey PATH = new RecordKey(Kind.PATH, null);

        public enum Kind { NONE, PATH, FIELD }

        public String toJson() {
            return switch (kind) {
                case NONE -> "none";
                case PATH -> "path";
                case FIELD -> "field:" + field;
            };
        }
    }
}
