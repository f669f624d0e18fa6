package io.logagent.agent.tail;

import io.logagent.agent.ship.EventRecords;
import io.logagent.core.ini.IniSchema;
import io.logagent.core.ini.Setting;

import java.time.Duration;
import java.util.List;

/**
 * How files are tailed, for every collector of the agent. Declared once as {@code [tail]} settings of the agent's
 * ini file; {@link #defaults()} is what an agent without a {@code [tail]} section gets.
 *
 * @param maxLineBytes        longer lines are cut to this size (the rest is skipped up to the newline); bounds the
 *                            memory one file's unfinished line can take
 * @param idleFlush           a last line without newline is sent after the file has not grown for this long
 * @param scanInterval        how often a collector looks for new, renamed and deleted files (new files are picked
 *                            up within one interval)
 * @param pollInterval        how long a collector sleeps once each of its files was read to its end: new lines are
 *                            picked up within this, and a file written continuously is read in chunks of this
 *                            much time instead of a few lines per pass
 * @param readBufferBytes     size of each file read; one buffer per collector, reused
 * @param rotatedCloseAfter   a file renamed away or deleted is closed once read to its end and idle this long
 * @param maxRetryBackoff     cap of the backoff before a file whose delivery failed is read again from its last
 *                            acknowledged offset
 * @param registryFlushInterval how often the registry is written when it changed
 * @param registryCleanAfter  registry entries of files not seen for this long are forgotten
 * @param fingerprintBytes    how many first bytes of a file its fingerprint covers (part of its identity, with
 *                            device and inode): a copytruncate copy is recognised by them and its content checkpoints
 * @param copytruncateWait    how long a new file that starts like a file being read is held unread as its copy,
 *                            waiting for the original to be truncated; if it is not, it is read as a new file
 */
public record TailSettings(int maxLineBytes, Duration idleFlush, Duration scanInterval, Duration pollInterval,
                           int readBufferBytes, Duration rotatedCloseAfter, Duration maxRetryBackoff,
                           Duration registryFlushInterval, Duration registryCleanAfter, int fingerprintBytes,
                           Duration copytruncateWait) {

    static final String SECTION = "tail";

    /**
     * 1 MiB minus room for headers and framing: the longest line then fits Kafka's default 1 MiB record limits
     * uncompressed ({@link EventRecords#RECORD_OVERHEAD_BYTES}); larger needs the broker raised too.
     */
    public static final int DEFAULT_MAX_LINE_BYTES = (1 << 20) - EventRecords.RECORD_OVERHEAD_BYTES;
    public static final Setting<Integer> MAX_LINE_BYTES = Setting.integer(SECTION, "max_line_bytes",
            DEFAULT_MAX_LINE_BYTES, 1024, 64 << 20, "Lines longer than this many bytes are cut; the event records the "
                    + "original length. Above the default, raise the broker's message.max.bytes to this + 32 KiB.");
    public static final Setting<Long> IDLE_FLUSH_MS = Setting.longValue(SECTION, "idle_flush_ms", 1000,
            10, 3_600_000, "A last line without newline is sent after the file has been idle this long.");
    public static final Setting<Long> SCAN_INTERVAL_MS = Setting.longValue(SECTION, "scan_interval_ms", 250,
            10, 60_000, "How often globs are matched again to find new, renamed and deleted files.");
    public static final Setting<Long> POLL_INTERVAL_MS = Setting.longValue(SECTION, "poll_interval_ms", 100,
            1, 10_000, "Pause of a collector once all its files are read to their end; new lines are read within this.");
    public static final Setting<Integer> READ_BUFFER_BYTES = Setting.integer(SECTION, "read_buffer_bytes", 128 << 10,
            4096, 16 << 20, "Size of one read from a file.");
    public static final Setting<Long> ROTATED_CLOSE_AFTER_MS = Setting.longValue(SECTION, "rotated_close_after_ms",
            2000, 0, 3_600_000, "A renamed-away or deleted file is closed when read to its end and idle this long.");
    public static final Setting<Long> MAX_RETRY_BACKOFF_MS = Setting.longValue(SECTION, "max_retry_backoff_ms",
            30_000, 100, 3_600_000, "Longest wait before a file whose delivery failed is read again.");
    public static final Setting<Long> REGISTRY_FLUSH_INTERVAL_MS = Setting.longValue(SECTION,
            "registry_flush_interval_ms", 1000, 10, 60_000, "How often changed offsets are written to disk.");
    public static final Setting<Long> REGISTRY_CLEAN_AFTER_HOURS = Setting.longValue(SECTION,
            "registry_clean_after_hours", 24, 1, 24 * 365, "Offsets of files not seen for this long are forgotten.");

    public static final Setting<Integer> FINGERPRINT_BYTES = Setting.integer(SECTION, "fingerprint_bytes", 1024,
            64, 1 << 20, "A file's first bytes that identify it with its inode; a file shorter is identified by what"
                    + " it has. Larger than a header all files start with, when a copy is to be told from a new file.");
    public static final Setting<Long> COPYTRUNCATE_WAIT_MS = Setting.longValue(SECTION, "copytruncate_wait_ms", 5000,
            0, 3_600_000, "A new file that starts like a file being read is held unread this long as its copytruncate"
                    + " copy; read as a new file if the original is not truncated by then.");

    /** Every {@code [tail]} setting, for the agent's {@link IniSchema}. */
    public static final List<Setting<?>> SETTINGS = List.of(MAX_LINE_BYTES, IDLE_FLUSH_MS, SCAN_INTERVAL_MS,
            POLL_INTERVAL_MS, READ_BUFFER_BYTES, ROTATED_CLOSE_AFTER_MS, MAX_RETRY_BACKOFF_MS,
            REGISTRY_FLUSH_INTERVAL_MS, REGISTRY_CLEAN_AFTER_HOURS, FINGERPRINT_BYTES, COPYTRUNCATE_WAIT_MS);

    public TailSettings {
        if (maxLineBytes < 1 || readBufferBytes < 1 || fingerprintBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes, readBufferBytes and fingerprintBytes must be positive");
        }
    }

    /** The declared defaults of {@link #SETTINGS}, read from the declarations rather than typed twice. */
    public static TailSettings defaults() {
        return new TailSettings(defaultOf(MAX_LINE_BYTES), Duration.ofMillis(defaultOf(IDLE_FLUSH_MS)),
                Duration.ofMillis(defaultOf(SCAN_INTERVAL_MS)), Duration.ofMillis(defaultOf(POLL_INTERVAL_MS)),
                defaultOf(READ_BUFFER_BYTES), Duration.ofMillis(defaultOf(ROTATED_CLOSE_AFTER_MS)),
                Duration.ofMillis(defaultOf(MAX_RETRY_BACKOFF_MS)),
                Duration.ofMillis(defaultOf(REGISTRY_FLUSH_INTERVAL_MS)),
                Duration.ofHours(defaultOf(REGISTRY_CLEAN_AFTER_HOURS)), defaultOf(FINGERPRINT_BYTES),
                Duration.ofMillis(defaultOf(COPYTRUNCATE_WAIT_MS)));
    }

    private static <T> T defaultOf(Setting<T> setting) {
        return setting.parser().apply(setting.defaultValue());
    }

    /** Reads the {@code [tail]} section of an ini already validated against a schema containing {@link #SETTINGS}. */
    public static TailSettings from(IniSchema.Values values) {
        return new TailSettings(values.get(MAX_LINE_BYTES), Duration.ofMillis(values.get(IDLE_FLUSH_MS)),
                Duration.ofMillis(values.get(SCAN_INTERVAL_MS)), Duration.ofMillis(values.get(POLL_INTERVAL_MS)),
                values.get(READ_BUFFER_BYTES), Duration.ofMillis(values.get(ROTATED_CLOSE_AFTER_MS)),
                Duration.ofMillis(values.get(MAX_RETRY_BACKOFF_MS)),
                Duration.ofMillis(values.get(REGISTRY_FLUSH_INTERVAL_MS)),
                Duration.ofHours(values.get(REGISTRY_CLEAN_AFTER_HOURS)), values.get(FINGERPRINT_BYTES),
                Duration.ofMillis(values.get(COPYTRUNCATE_WAIT_MS)));
    }

    public TailSettings withCopytruncateWait(Duration d) {
        return new TailSettings(maxLineBytes, idleFlush, scanInterval, pollInterval, readBufferBytes,
                rotatedCloseAfter, maxRetryBackoff, registryFlushInterval, registryCleanAfter, fingerprintBytes, d);
    }

    public TailSettings withMaxLineBytes(int bytes) {
        return new TailSettings(bytes, idleFlush, scanInterval, pollInterval, readBufferBytes, rotatedCloseAfter,
                maxRetryBackoff, registryFlushInterval, registryCleanAfter, fingerprintBytes, copytruncateWait);
    }

    public TailSettings withIdleFlush(Duration d) {
        return new TailSettings(maxLineBytes, d, scanInterval, pollInterval, readBufferBytes, rotatedCloseAfter,
                maxRetryBackoff, registryFlushInterval, registryCleanAfter, fingerprintBytes, copytruncateWait);
    }

    public TailSettings withRotatedCloseAfter(Duration d) {
        return new TailSettings(maxLineBytes, idleFlush, scanInterval, pollInterval, readBufferBytes, d,
                maxRetryBackoff, registryFlushInterval, registryCleanAfter, fingerprintBytes, copytruncateWait);
    }

    public TailSettings withReadBufferBytes(int bytes) {
        return new TailSettings(maxLineBytes, idleFlush, scanInterval, pollInterval, bytes, rotatedCloseAfter,
                maxRetryBackoff, registryFlushInterval, registryCleanAfter, fingerprintBytes, copytruncateWait);
    }
}
