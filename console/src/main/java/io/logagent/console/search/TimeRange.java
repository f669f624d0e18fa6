package io.logagent.console.search;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A closed time interval from the request's {@code from}/{@code to}: ISO-8601, epoch millis, or a span back from
 * now as typed by hand: {@code now}, {@code now-3h}, {@code last 2 days}, {@code last hour}, {@code 2h},
 * {@code 90 minutes ago} (units s/sec/second, m/min/minute, h/hr/hour, d/day, w/week, plurals; case ignored).
 */
public record TimeRange(Instant from, Instant to) {

    private static final String UNIT = "(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?)";
    private static final Pattern RELATIVE = Pattern.compile("(?i)now\\s*-\\s*(\\d{1,9})\\s*" + UNIT
            + "|last\\s+(\\d{1,9})?\\s*" + UNIT + "|(\\d{1,9})\\s*" + UNIT + "(?:\\s+ago)?");
    public static final String DEFAULT_FROM = "now-15m";
    /** The forms {@link #instant} accepts, for the 400 answer to any other. */
    public static final String FORMS = "now, now-3h, last 2 days, last hour, 2h, 90 minutes ago (units s, m, h, d, w), "
            + "ISO-8601 (2026-11-30T10:00:00Z) or epoch milliseconds";

    public TimeRange {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("'from' (" + from + ") is after 'to' (" + to + ")");
        }
    }

    /** Blank values default to the last 15 minutes. */
    public static TimeRange parse(String from, String to, Clock clock) {
        return new TimeRange(instant(blank(from) ? DEFAULT_FROM : from, clock),
                instant(blank(to) ? "now" : to, clock));
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    static Instant instant(String value, Clock clock) {
        String v = value.strip();
        if (v.equalsIgnoreCase("now")) {
            return clock.instant();
        }
        Matcher m = RELATIVE.matcher(v);
        if (m.matches()) {
            int g = m.group(2) != null ? 1 : m.group(4) != null ? 3 : 5;
            long n = m.group(g) == null ? 1 : Long.parseLong(m.group(g)); // "last hour"
            Duration unit = switch (Character.toLowerCase(m.group(g + 1).charAt(0))) {
                case 's' -> Duration.ofSeconds(1);
                case 'm' -> Duration.ofMinutes(1);
                case 'h' -> Duration.ofHours(1);
                case 'd' -> Duration.ofDays(1);
                default -> Duration.ofDays(7);
            };
            return clock.instant().minus(unit.multipliedBy(n));
        }
        if (v.chars().allMatch(Character::isDigit) && !v.isEmpty() && v.length() <= 15) {
            return Instant.ofEpochMilli(Long.parseLong(v));
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("bad time '" + value + "': use " + FORMS);
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
