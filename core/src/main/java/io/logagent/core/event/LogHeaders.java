package io.logagent.core.event;

/**
 * Kafka record headers the agent attaches to every line. The record value stays the raw line (as with the seed),
 * so other consumers of the topic keep working; everything we know about where the line came from travels here.
 * Values are UTF-8 text.
 */
public final class LogHeaders {
    /** The agent's host identity: the IP it uses in its etcd key. */
    public static final String HOST = "host";
    /** The file the line was read from. */
    public static final String PATH = "path";
    /** Byte offset of the first byte of the line (event) in the file, decimal. */
    public static final String OFFSET = "offset";
    /** Stable identity of the file: {@code dev:inode:fingerprint}. With host and offset it names the line uniquely. */
    public static final String FILE_ID = "file_id";
    /**
     * When the agent read the line, epoch milliseconds, decimal. No longer sent: the agent now puts the read time in
     * the record's own timestamp (8 bytes in the batch instead of a ~25-byte header per line); consumers read this
     * header when present (records of older agents) and the record timestamp otherwise.
     */
    public static final String READ_TIME = "read_time";
    /** The seed's optional module label. */
    public static final String MODULE = "module";
    /** Prefix of the entry's static {@code fields}: {@code field.<name>}. */
    public static final String FIELD_PREFIX = "field.";
    /** Set when the line was cut at the maximum line length; value: the original length in bytes. */
    public static final String TRUNCATED = "truncated";

    /** The entry's {@code time_zone}: zone id for stamps in the line that carry none. Sent only when set. */
    public static final String TIME_ZONE = "time_zone";
    /** The entry's {@code timestamp.pattern} ({@code java.time} syntax). Sent only when set. */
    public static final String TIMESTAMP_PATTERN = "timestamp_pattern";
    /** The entry's {@code timestamp.regex}, whose group {@code ts} holds the stamp. Sent only when set. */
    public static final String TIMESTAMP_REGEX = "timestamp_regex";

    private LogHeaders() {
    }
}
