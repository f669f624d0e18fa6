package io.logagent.console.search;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A closed time interval from the request's {@code from}/{@code to}: ISO-8601, epoch millis or {@code now-15m}. */
public record TimeRange(Instant from, Instant to) {

    private static final Pattern RELATIVE = Pattern.compile("now(?:-(\\d+)([smhdw]))?");
    public static final String DEFAULT_FROM = "now-15m";

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
        Matcher m = RELATIVE.matcher(v);
        if (m.matches()) {
            Instant now = clock.instant();
            if (m.group(1) == null) {
                return now;
            }
            long n = Long.parseLong(m.group(1));
            Duration unit = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(1);
                case "m" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                case "d" -> Duration.ofDays(1);
                default -> Duration.ofDays(7);
            };
            return now.minus(unit.multipliedBy(n));
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
                throw new IllegalArgumentException("bad time '" + value
                        + "': use ISO-8601 (2026-11-30T10:00:00Z), epoch milliseconds or now-15m/now-1h/now-7d");
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
