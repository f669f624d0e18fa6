package io.logagent.transfer.document;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the timestamp a line carries in one of the common formats. The format whose match starts earliest in the
 * line's head wins, so a syslog header beats a date mentioned later in the message. Lines without a zone are read
 * in the configured zone; syslog RFC 3164 stamps have no year and take the current one (or last year's, for a
 * "Dec 31" line read just after New Year).
 *
 * <p>Formats: ISO-8601 / RFC 5424 / Log4j, Logback and Python defaults ({@code 2026-11-30T06:13:00.123Z},
 * {@code 2026-11-30 06:13:00,123}); Go and nginx error logs ({@code 2026/11/30 06:13:00}); access logs
 * ({@code [30/Nov/2026:06:13:00 +0000]}); Tomcat ({@code 30-Nov-2026 06:13:00.123}); syslog RFC 3164 and ctime /
 * Apache error logs ({@code Nov 30 06:13:00}, {@code Mon Nov 30 06:13:00.123456 2026}).
 */
public final class TimestampExtractor {

    /** Only the head of a line is searched: timestamps are prefixes, and long lines must stay cheap. */
    static final int SEARCH_CHARS = 256;
    /**
     * Longer than any timestamp these formats match ({@code Mon Nov 30 06:13:00.123456789 2026} is 34 characters):
     * once a timestamp is found, a format can only win with a match starting earlier, which ends within this many
     * characters after it, so its search stops there. Most lines start with their timestamp, and then the other
     * formats search almost nothing.
     */
    private static final int LONGEST_MATCH = 48;

    private static final String MON = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
    private static final String FRACTION = "(?:[.,](\\d{1,9}))?";
    private static final Pattern ISO = Pattern.compile(
            "(?<!\\d)(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2}):(\\d{2})" + FRACTION
                    + "(?:(Z)(?![A-Za-z])|\\s?([+-]\\d{2}(?::?\\d{2})?)(?!\\d))?");
    private static final Pattern SLASHED = Pattern.compile(
            "(?<!\\d)(\\d{4})/(\\d{2})/(\\d{2})[ T](\\d{2}):(\\d{2}):(\\d{2})" + FRACTION);
    private static final Pattern ACCESS_LOG = Pattern.compile(
            "(?<!\\d)(\\d{2})/" + MON + "/(\\d{4}):(\\d{2}):(\\d{2}):(\\d{2})" + FRACTION + "(?: ([+-]\\d{4}))?");
    private static final Pattern TOMCAT = Pattern.compile(
            "(?<!\\d)(\\d{2})-" + MON + "-(\\d{4}) (\\d{2}):(\\d{2}):(\\d{2})" + FRACTION);
    private static final Pattern SYSLOG = Pattern.compile(
            "\\b" + MON + " {1,2}(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2})" + FRACTION + "(?: (\\d{4})(?!\\d))?");

    private static final Map<String, Month> MONTHS = new HashMap<>();

    static {
        for (Month m : Month.values()) {
            MONTHS.put(m.getDisplayName(TextStyle.SHORT, Locale.ENGLISH), m);
        }
    }

    private interface Reader {
        Instant read(Matcher m);
    }

    private record Format(Pattern pattern, Reader reader) { }

    private final Clock clock;
    private final ZoneId zone;
    private final List<Format> formats;

    public TimestampExtractor(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
        this.formats = List.of(
                new Format(ISO, m -> at(m, 1, 2, 3, 4, m.group(8) != null ? "Z" : m.group(9))),
                new Format(SLASHED, m -> at(m, 1, 2, 3, 4, null)),
                new Format(ACCESS_LOG, m -> local(int3(m, 1), MONTHS.get(m.group(2)).getValue(), int3(m, 3), m, 4,
                        m.group(8))),
                new Format(TOMCAT, m -> local(int3(m, 1), MONTHS.get(m.group(2)).getValue(), int3(m, 3), m, 4, null)),
                new Format(SYSLOG, this::syslog));
    }

    public Optional<Instant> extract(String line) {
        String head = line.length() > SEARCH_CHARS ? line.substring(0, SEARCH_CHARS) : line;
        Instant best = null;
        int bestStart = Integer.MAX_VALUE;
        for (Format f : formats) {
            if (bestStart == 0) {
                break; // nothing can start earlier
            }
            Matcher m = f.pattern().matcher(head).useTransparentBounds(true);
            if (best != null) {
                m.region(0, Math.min(head.length(), bestStart + LONGEST_MATCH));
            }
            while (m.find() && m.start() < bestStart) {
                Instant t = readOrNull(f, m);
                if (t != null) {
                    best = t;
                    bestStart = m.start();
                    break;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static Instant readOrNull(Format f, Matcher m) {
        try {
            return f.reader().read(m);
        } catch (DateTimeException | ArithmeticException e) {
            return null; // looked like a date but is not one (month 13, hour 25): not a timestamp
        }
    }

    private Instant at(Matcher m, int year, int month, int day, int hour, String offset) {
        return local(int3(m, day), int3(m, month), int3(m, year), m, hour, offset);
    }

    /** Groups {@code hour}..{@code hour+3} are hour, minute, second and fraction. */
    private Instant local(int day, int month, int year, Matcher m, int hour, String offset) {
        String fraction = m.group(hour + 3);
        int nanos = fraction == null ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
        LocalDateTime t = LocalDateTime.of(year, month, day, int3(m, hour), int3(m, hour + 1), int3(m, hour + 2), nanos);
        return t.atZone(offset == null ? zone : parseOffset(offset)).toInstant();
    }

    private Instant syslog(Matcher m) {
        Month month = MONTHS.get(m.group(1));
        int day = int3(m, 2);
        if (m.group(7) != null) {
            return local(day, month.getValue(), int3(m, 7), m, 3, null);
        }
        Instant now = clock.instant();
        int year = now.atZone(zone).getYear();
        Instant t = local(day, month.getValue(), year, m, 3, null);
        // No year in the line: a stamp more than a day in the future was written last year.
        return t.isAfter(now.plus(Duration.ofDays(1))) ? local(day, month.getValue(), year - 1, m, 3, null) : t;
    }

    private static ZoneId parseOffset(String offset) {
        if (offset.equals("Z")) {
            return ZoneOffset.UTC;
        }
        String digits = offset.replace(":", "");
        return digits.length() == 3 ? ZoneOffset.of(digits + "00") : ZoneOffset.of(digits);
    }

    private static int int3(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }
}
