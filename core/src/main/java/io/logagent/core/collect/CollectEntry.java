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
 * @param timeZone     zone of the file's stamps that carry none ({@code America/Los_Angeles}), or null for the
 *                     transfer's {@code time_zone}
 * @param timestamp    the file's own stamp format, or null to let the transfer recognise the usual ones
 */
public record CollectEntry(String path, String topic, String module, StartPosition from, Multiline multiline,
                           Map<String, String> fields, List<String> includeLines, List<String> excludeLines,
                           List<String> excludeFiles, int rateLimit, RecordKey key, String timeZone,
                           TimestampSpec timestamp) {

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

    /** An entry without its own time zone or stamp format. */
    public CollectEntry(String path, String topic, String module, StartPosition from, Multiline multiline,
                        Map<String, String> fields, List<String> includeLines, List<String> excludeLines,
                        List<String> excludeFiles, int rateLimit, RecordKey key) {
        this(path, topic, module, from, multiline, fields, includeLines, excludeLines, excludeFiles, rateLimit, key,
                null, null);
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
     * The entry's {@code timestamp}: a {@code java.time} pattern read at the line's start, or inside the named
     * group {@code ts} of {@code regex} (null when the pattern is read at the start). Validated by
     * {@link io.logagent.core.time.TimestampFormat#of}.
     */
    public record TimestampSpec(String pattern, String regex) {
        public TimestampSpec {
            Objects.requireNonNull(pattern, "pattern");
        }
    }

    /**
     * Joins physical lines into one event. A line matching {@code startPattern} starts a new event; any other line
     * is appended to the current one (a Java stack trace's {@code at …} and {@code Caused by:} lines). With
     * {@link #AUTO} as the pattern, a line starts an event when it begins with a timestamp of the family the file's
     * first stamped line had.
     *
     * @param preset the preset's name ({@code java}, {@code python}, {@code go}, {@code auto}) or null for a pattern
     */
    public record Multiline(String startPattern, int maxLines, int maxBytes, long flushTimeoutMs, String preset) {
        /**
         * Starts an event at every line that does not begin with whitespace, "at ", "Caused by:", "...",
         * "Suppressed:", or an exception's class name ({@code java.lang.IllegalStateException: boom},
         * {@code com.example.Failure}) which follows the log line that reported it.
         */
        public static final String JAVA_START_PATTERN = "^(?![\\s]|at\\s|Caused by:|\\.\\.\\.|Suppressed:"
                + "|(?:[a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*(?::|$))";
        /**
         * A Python traceback joins the line before it: {@code Traceback (most recent call last):}, indented frames,
         * the chaining sentences and blank lines between chained tracebacks, and the final {@code ValueError: …}
         * (a name ending in Error, Exception, Warning…, or any dotted name such as {@code app.errors.Unavailable}).
         */
        public static final String PYTHON_START_PATTERN = "^(?![\\s]|$|Traceback \\(most recent call last\\):"
                + "|During handling of the above exception|The above exception was the direct cause"
                + "|(?:[A-Za-z_]\\w*\\.)*[A-Za-z_]\\w*(?:Error|Exception|Warning|Exit|Interrupt|Iteration|Group)(?::|$)"
                + "|(?:[A-Za-z_]\\w*\\.)+[A-Z]\\w*(?::|$))";
        /**
         * A Go panic is one event from {@code panic:} to the last frame: blank lines, {@code goroutine N [running]:},
         * function lines ({@code main.main()}), indented file lines, {@code created by}, {@code [signal …} and
         * {@code exit status N}.
         */
        public static final String GO_START_PATTERN = "^(?![\\s]|$|goroutine \\d+ \\[|created by |\\[signal |exit status \\d"
                + "|[^\\s(]+\\(.*\\)$)";
        /** The start "pattern" of {@code multiline: auto}: a stamp the recogniser knows, of the learned family. */
        public static final String AUTO = "auto";

        public Multiline(String startPattern, int maxLines, int maxBytes, long flushTimeoutMs) {
            this(startPattern, maxLines, maxBytes, flushTimeoutMs, null);
        }

        public static Multiline java() {
            return preset("java");
        }

        /** The preset of that name, or null when there is none. */
        public static Multiline preset(String name) {
            String pattern = switch (name) {
                case "java" -> JAVA_START_PATTERN;
                case "python" -> PYTHON_START_PATTERN;
                case "go" -> GO_START_PATTERN;
                case AUTO -> AUTO;
                default -> null;
            };
            return pattern == null ? null : new Multiline(pattern, 500, 1 << 20, 1000, name);
        }

        public boolean auto() {
            return AUTO.equals(preset);
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
