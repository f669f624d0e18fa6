package io.logagent.transfer.document;

import io.logagent.core.time.Stamp;
import io.logagent.core.time.TimestampFormat;
import io.logagent.core.time.TimestampRecognizer;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The time a line was written: the stamp at its start as {@link TimestampRecognizer} reads it, or, when the
 * agent's entry named its own format (headers {@code timestamp_pattern}, {@code timestamp_regex}), that format.
 * Zone of a stamp without one: the entry's {@code time_zone} header, else the transfer's {@code time_zone}; a stamp
 * without a year is placed before the record's read time (right for a backlog replayed months later too).
 * Header values are parsed once and remembered (a few per entry; a bad value from a foreign producer is ignored,
 * since the agent and console only send validated ones). Thread-safe.
 */
public final class TimestampExtractor {

    /** Distinct header values remembered; past this they are parsed per record (still correct, only slower). */
    private static final int CACHE_LIMIT = 1024;

    private final ZoneId zone;
    private final TimestampRecognizer recognizer;
    private final Map<String, Optional<ZoneId>> zones = new ConcurrentHashMap<>();
    private final Map<String, Optional<TimestampFormat>> formats = new ConcurrentHashMap<>();

    public TimestampExtractor(Clock clock, ZoneId zone) {
        this.zone = zone;
        this.recognizer = new TimestampRecognizer(clock);
    }

    /** The instant of the stamp a line starts with, read in the transfer's zone. */
    public Optional<Instant> extract(String line) {
        return Optional.ofNullable(recognizer.recognise(line, zone)).map(Stamp::instant);
    }

    /**
     * @param zoneId  the entry's time zone header, or null
     * @param pattern the entry's timestamp pattern header, or null for the recogniser
     * @param regex   the entry's timestamp regex header, or null
     * @param readTime when the agent read the line: a stamp without a year is placed before it
     * @return the stamp, or null when the line has none (in that format)
     */
    public Stamp extract(String line, String zoneId, String pattern, String regex, Instant readTime) {
        ZoneId z = zoneId == null ? zone : cached(zones, zoneId, TimestampExtractor::zoneOrNull).orElse(zone);
        if (pattern != null) {
            Optional<TimestampFormat> format = cached(formats, regex == null ? pattern : pattern + '\0' + regex,
                    k -> formatOrNull(pattern, regex));
            if (format.isPresent()) {
                return format.get().parse(line, z, readTime);
            }
        }
        return recognizer.recognise(line, z, readTime);
    }

    private static <T> Optional<T> cached(Map<String, Optional<T>> cache, String key, Function<String, T> parse) {
        Optional<T> v = cache.get(key);
        if (v == null) {
            v = Optional.ofNullable(parse.apply(key));
            if (cache.size() < CACHE_LIMIT) {
                cache.put(key, v);
            }
        }
        return v;
    }

    private static ZoneId zoneOrNull(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static TimestampFormat formatOrNull(String pattern, String regex) {
        try {
            return TimestampFormat.of(pattern, regex);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
