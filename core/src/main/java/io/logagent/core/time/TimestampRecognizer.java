package io.logagent.core.time;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.logagent.core.time.LinePrefix.indexOf;
import static io.logagent.core.time.LinePrefix.isDigit;
import static io.logagent.core.time.LinePrefix.isKeyValueStamp;
import static io.logagent.core.time.LinePrefix.isPrefixToken;
import static io.logagent.core.time.LinePrefix.isPriority;
import static io.logagent.core.time.LinePrefix.skipSpaces;
import static io.logagent.core.time.LinePrefix.tokenEnd;
import static io.logagent.core.time.StampPatterns.*;

/**
 * Finds the time a log line was written, at the line's start: after at most a few prefix tokens (a syslog
 * {@code <PRI>}, a bracket, a PID, a host or file name, a {@code -}), never inside the message text, because a date
 * mentioned by the message is not the event's time and a wrong time is worse than none. Shared by the transfer
 * (which parses every line) and the agent (whose {@code multiline: auto} starts an event at each stamped line).
 *
 * <p>Cost: at each candidate position the first characters decide which one or two of the {@link StampPatterns}
 * can apply (a run of 4 digits then {@code -} is ISO or BGL, 6 digits then a space is HDFS…), and only those are
 * tried, anchored. A line is never scanned by a regex.
 *
 * <p>Zones: a zone in the stamp wins, else the caller's zone (the entry's, else the transfer's). Years: a stamp
 * without one takes the year of a date in the line's prefix ({@code 2005.11.09 host Nov 9 12:01:01}), else the
 * year of "now" in that zone, or the one before when that would put the stamp more than a day in the future.
 * Thread-safe (immutable).
 */
public final class TimestampRecognizer {

    /** A stamp must start within this many characters of the line's start. */
    public static final int MAX_PREFIX_CHARS = 96;
    /** Prefix tokens skipped before giving up (brackets count as tokens). */
    private static final int MAX_PREFIX_TOKENS = 5;
    /** Characters looked at: the longest prefix plus the longest stamp, with room to spare. */
    private static final int HEAD_CHARS = 160;
    private static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);

    /** What a stamp is placed against: the read time, and the year of a date earlier in the line (or -1). */
    private record Ref(Instant now, int prefixYear) { }

    private final Clock clock;

    public TimestampRecognizer(Clock clock) {
        this.clock = clock;
    }

    /** The stamp the line starts with, or null; a year-less stamp is placed relative to the clock's now. */
    public Stamp recognise(CharSequence line, ZoneId zone) {
        return recognise(line, zone, clock.instant());
    }

    /**
     * The stamp the line starts with, or null.
     *
     * @param readTime when the line was read: a stamp without a year is the latest one not more than a day after
     *                 it, and an epoch number after it is not a time (a line is never written after it is read)
     */
    public Stamp recognise(CharSequence line, ZoneId zone, Instant readTime) {
        int limit = Math.min(line.length(), HEAD_CHARS);
        int p = skipSpaces(line, 0, limit);
        if (p < limit && line.charAt(p) == '{') {
            return json(line, p, limit, zone, new Ref(readTime, -1));
        }
        int tokens = 0;
        Ref ref = new Ref(readTime, -1);
        while (p < limit && p <= MAX_PREFIX_CHARS && tokens <= MAX_PREFIX_TOKENS) {
            Stamp s = at(line, p, limit, zone, ref);
            if (s != null) {
                return s;
            }
            tokens++;
            char c = line.charAt(p);
            if (c == '[' || c == '(') {
                p = skipSpaces(line, p + 1, limit);
                continue;
            }
            int end = tokenEnd(line, p, limit);
            if (c == '<') {
                if (!isPriority(line, p, end)) {
                    break;
                }
                end = indexOf(line, '>', p, end) + 1;
            } else if (isKeyValueStamp(line, p, end)) {
                int v = indexOf(line, '=', p, end) + 1;
                Stamp s2 = at(line, line.charAt(v) == '"' ? v + 1 : v, limit, zone, ref);
                if (s2 != null) {
                    return s2;
                }
            } else if (!isPrefixToken(line, p, end)) {
                break;
            } else {
                Matcher d = PREFIX_DATE.matcher(line).region(p, end);
                if (d.lookingAt()) {
                    ref = new Ref(readTime, Integer.parseInt(d.group(1)));
                }
            }
            p = skipSpaces(line, end, limit);
        }
        return accessLog(line, limit, zone);
    }

    /** A stamp starting exactly at {@code p}, or null. */
    private Stamp at(CharSequence s, int p, int limit, ZoneId zone, Ref ref) {
        char c = s.charAt(p);
        if (isDigit(c)) {
            int n = 1;
            while (p + n < limit && isDigit(s.charAt(p + n))) {
                n++;
            }
            char after = p + n < limit ? s.charAt(p + n) : ' ';
            return switch (n) {
                case 4 -> after == '-' ? (p + 10 < limit && s.charAt(p + 10) == '-'
                        ? ymd(BGL, StampFamily.BGL, s, p, limit, zone) : iso(s, p, limit, zone))
                        : after == '/' ? ymd(SLASHED, StampFamily.SLASHED, s, p, limit, zone)
                        : after == '.' ? ymd(DOTTED, StampFamily.DOTTED, s, p, limit, zone) : null;
                case 8 -> after == '-' ? ymd(COMPACT, StampFamily.COMPACT, s, p, limit, zone) : null;
                case 6 -> after == ' ' ? twoDigitYear(HDFS, StampFamily.HDFS, s, p, limit, zone) : null;
                case 2 -> switch (after) {
                    case '/' -> p + 3 < limit && isDigit(s.charAt(p + 3))
                            ? twoDigitYear(SPARK, StampFamily.SPARK, s, p, limit, zone) : access(s, p, limit, zone);
                    case '-' -> p + 3 < limit && isDigit(s.charAt(p + 3))
                            ? noYear(LOGCAT, StampFamily.LOGCAT, s, p, limit, zone, ref)
                            : monthName(TOMCAT, StampFamily.TOMCAT, s, p, limit, zone);
                    case '.' -> noYear(MONTH_DOT_DAY, StampFamily.MONTH_DOT_DAY, s, p, limit, zone, ref);
                    case ' ' -> monthName(DAY_MONTH_YEAR, StampFamily.DAY_MONTH_YEAR, s, p, limit, zone);
                    default -> null;
                };
                case 1 -> after == ' ' ? monthName(DAY_MONTH_YEAR, StampFamily.DAY_MONTH_YEAR, s, p, limit, zone) : null;
                case 10, 13 -> epoch(s, p, limit, ref.now());
                default -> null;
            };
        }
        if (c >= 'A' && c <= 'Z' && p + 1 < limit) {
            if (isDigit(s.charAt(p + 1))) {
                return glog(s, p, limit, zone, ref);
            }
            return p + 3 < limit && s.charAt(p + 3) == ' ' ? named(s, p, limit, zone, ref) : null;
        }
        return null;
    }

    /** Stamps starting with a month or weekday name. */
    private Stamp named(CharSequence s, int p, int limit, ZoneId zone, Ref ref) {
        Matcher m = SYSLOG.matcher(s).region(p, limit);
        if (m.lookingAt()) {
            try {
                int month = month(m.group(1));
                if (m.group(7) != null) {
                    return stamp(local(num(m, 7), month, num(m, 2), m, 3).atZone(zone), StampFamily.SYSLOG, m);
                }
                return yearless(month, num(m, 2), m, 3, zone, ref, StampFamily.SYSLOG);
            } catch (DateTimeException e) {
                return null;
            }
        }
        m = SYSLOG_YEAR.matcher(s).region(p, limit);
        if (m.lookingAt()) {
            try {
                return inZone(local(num(m, 3), month(m.group(1)), num(m, 2), m, 4), zone, StampFamily.SYSLOG, s,
                        m.end(), limit);
            } catch (DateTimeException e) {
                return null;
            }
        }
        m = JUL.matcher(s).region(p, limit);
        if (m.lookingAt()) {
            try {
                int hour = num(m, 4) % 12 + (m.group(7).equals("PM") ? 12 : 0);
                LocalDateTime t = LocalDateTime.of(num(m, 3), month(m.group(1)), num(m, 2), hour, num(m, 5), num(m, 6));
                return stamp(t.atZone(zone), StampFamily.JUL, m);
            } catch (DateTimeException e) {
                return null;
            }
        }
        m = CTIME.matcher(s).region(p, limit);
        if (m.lookingAt()) {
            ZoneId z = zone;
            if (m.group(7) != null) {
                z = m.group(7).startsWith("+") || m.group(7).startsWith("-") ? offset(m.group(7))
                        : ZoneNames.offset(m.group(7));
                if (z == null) {
                    return null; // a zone we cannot read: no time rather than a wrong one
                }
            }
            try {
                return stamp(local(num(m, 8), month(m.group(1)), num(m, 2), m, 3).atZone(z), StampFamily.CTIME, m);
            } catch (DateTimeException e) {
                return null;
            }
        }
        return null;
    }

    private Stamp iso(CharSequence s, int p, int limit, ZoneId zone) {
        Matcher m = ISO.matcher(s).region(p, limit);
        if (!m.lookingAt()) {
            return null;
        }
        try {
            LocalDateTime t = local(num(m, 1), num(m, 2), num(m, 3), m, 4);
            if (m.group(8) != null) {
                return stamp(t.atZone(ZoneOffset.UTC), StampFamily.ISO, m);
            }
            if (m.group(9) != null) {
                return stamp(t.atZone(offset(m.group(9))), StampFamily.ISO, m);
            }
            return inZone(t, zone, StampFamily.ISO, s, m.end(), limit);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Stamp ymd(Pattern pattern, StampFamily family, CharSequence s, int p, int limit, ZoneId zone) {
        return ymd(pattern, family, s, p, limit, zone, 0);
    }

    private static Stamp twoDigitYear(Pattern pattern, StampFamily family, CharSequence s, int p, int limit,
                                      ZoneId zone) {
        return ymd(pattern, family, s, p, limit, zone, 2000);
    }

    private static Stamp ymd(Pattern pattern, StampFamily family, CharSequence s, int p, int limit, ZoneId zone,
                             int century) {
        Matcher m = pattern.matcher(s).region(p, limit);
        if (!m.lookingAt()) {
            return null;
        }
        try {
            return inZone(local(century + num(m, 1), num(m, 2), num(m, 3), m, 4), zone, family, s, m.end(), limit);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private Stamp noYear(Pattern pattern, StampFamily family, CharSequence s, int p, int limit, ZoneId zone,
                         Ref ref) {
        Matcher m = pattern.matcher(s).region(p, limit);
        if (!m.lookingAt()) {
            return null;
        }
        try {
            return yearless(num(m, 1), num(m, 2), m, 3, zone, ref, family);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Stamp monthName(Pattern pattern, StampFamily family, CharSequence s, int p, int limit,
                                   ZoneId zone) {
        Matcher m = pattern.matcher(s).region(p, limit);
        if (!m.lookingAt()) {
            return null;
        }
        try {
            return inZone(local(num(m, 3), month(m.group(2)), num(m, 1), m, 4), zone, family, s, m.end(), limit);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * A stamp without an offset, in the zone named right after it when there is one (PostgreSQL's
     * {@code 2026-11-30 06:13:00.123 UTC [42] LOG:}, PHP's {@code [30-Nov-2026 06:13:00 UTC]}), else in {@code zone}.
     */
    private static Stamp inZone(LocalDateTime t, ZoneId zone, StampFamily family, CharSequence s, int end, int limit) {
        if (end + 3 < limit && s.charAt(end) == ' ') {
            int n = end + 1;
            while (n < limit && n - end <= 5 && s.charAt(n) >= 'A' && s.charAt(n) <= 'Z') {
                n++;
            }
            ZoneOffset named = n - end >= 2 && (n == limit || !Character.isLetterOrDigit(s.charAt(n)))
                    ? ZoneNames.offset(s.subSequence(end + 1, n).toString()) : null;
            if (named != null) {
                return new Stamp(t.atZone(named).toInstant(), family, n);
            }
            Matcher region = ZONE_REGION.matcher(s).region(end + 1, limit);
            if (region.lookingAt()) { // PHP's "[30-Nov-2026 06:13:00 Europe/Berlin]"
                try {
                    return new Stamp(t.atZone(ZoneId.of(region.group())).toInstant(), family, region.end());
                } catch (DateTimeException e) {
                    return null; // names a zone we do not know: no time rather than a wrong one
                }
            }
        }
        return new Stamp(t.atZone(zone).toInstant(), family, end);
    }

    private static Stamp access(CharSequence s, int p, int limit, ZoneId zone) {
        Matcher m = ACCESS.matcher(s).region(p, limit);
        if (!m.lookingAt()) {
            return null;
        }
        try {
            ZoneId z = m.group(8) != null ? offset(m.group(8)) : zone;
            return stamp(local(num(m, 3), month(m.group(2)), num(m, 1), m, 4).atZone(z), StampFamily.ACCESS, m);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Access logs put user names before the stamp ({@code 10.0.0.1 - frank [30/Nov/2026:…]}): the one bracket. */
    private static Stamp accessLog(CharSequence s, int limit, ZoneId zone) {
        int b = indexOf(s, '[', 0, Math.min(limit, MAX_PREFIX_CHARS));
        if (b < 0 || b + 3 >= limit || !isDigit(s.charAt(b + 1)) || s.charAt(b + 3) != '/') {
            return null;
        }
        int spaces = 0;
        for (int i = 0; i < b; i++) {
            spaces += s.charAt(i) == ' ' ? 1 : 0;
        }
        return spaces <= 6 ? access(s, b + 1, limit, zone) : null;
    }

    /**
     * 10 or 13 digits in the prefix (BlueGene's "- 1117838570 …", HPC's "134681 node-246 unix.hw state 1077804742"):
     * seconds from 2001-09 on, or milliseconds; never more than a day ahead of now, where a count or an id would be.
     */
    private static Stamp epoch(CharSequence s, int p, int limit, Instant now) {
        Matcher m = EPOCH.matcher(s).region(p, limit);
        if (!m.lookingAt()) {
            return null;
        }
        Instant t;
        if (m.group(3) != null) {
            t = Instant.ofEpochMilli(Long.parseLong(m.group(3)));
        } else {
            t = Instant.ofEpochSecond(Long.parseLong(m.group(1)), nanos(m.group(2)));
        }
        return t.isAfter(now.plus(FUTURE_TOLERANCE)) ? null : new Stamp(t, StampFamily.EPOCH, m.end());
    }

    private Stamp glog(CharSequence s, int p, int limit, ZoneId zone, Ref ref) {
        Matcher m = GLOG.matcher(s).region(p, limit);
        if (!m.lookingAt()) {
            return null;
        }
        try {
            return yearless(num(m, 2), num(m, 3), m, 4, zone, ref, StampFamily.GLOG);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** {@code {"time":"2026-…"}}: the stamp is the value of the line's time field. */
    private Stamp json(CharSequence s, int p, int limit, ZoneId zone, Ref ref) {
        Matcher m = JSON_TIME.matcher(s).region(p, limit);
        if (!m.find() || m.end() >= limit) {
            return null;
        }
        Stamp st = at(s, m.end(), limit, zone, ref);
        return st == null ? null : new Stamp(st.instant(), st.family(), 0); // no level column in JSON
    }

    private static Stamp yearless(int month, int day, Matcher m, int hourGroup, ZoneId zone, Ref ref,
                                  StampFamily family) {
        if (ref.prefixYear() > 0) {
            return stamp(local(ref.prefixYear(), month, day, m, hourGroup).atZone(zone), family, m);
        }
        Instant now = ref.now();
        int year = now.atZone(zone).getYear();
        Instant t = local(year, month, day, m, hourGroup).atZone(zone).toInstant();
        if (t.isAfter(now.plus(FUTURE_TOLERANCE))) {
            t = local(year - 1, month, day, m, hourGroup).atZone(zone).toInstant();
        }
        return new Stamp(t, family, m.end());
    }

    /** Groups {@code hour}..{@code hour+3}: hour, minute, second, fraction. */
    private static LocalDateTime local(int year, int month, int day, Matcher m, int hour) {
        return LocalDateTime.of(year, month, day, num(m, hour), num(m, hour + 1), num(m, hour + 2),
                nanos(m.groupCount() >= hour + 3 ? m.group(hour + 3) : null));
    }

    private static Stamp stamp(java.time.ZonedDateTime t, StampFamily family, Matcher m) {
        return new Stamp(t.toInstant(), family, m.end());
    }

    private static int nanos(String fraction) {
        return fraction == null ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
    }

    static ZoneOffset offset(String offset) {
        String digits = offset.replace(":", "");
        return ZoneOffset.of(digits.length() == 3 ? digits + "00" : digits);
    }

    private static int month(String name) {
        return switch (name) {
            case "Jan" -> 1; case "Feb" -> 2; case "Mar" -> 3; case "Apr" -> 4; case "May" -> 5; case "Jun" -> 6;
            case "Jul" -> 7; case "Aug" -> 8; case "Sep" -> 9; case "Oct" -> 10; case "Nov" -> 11; default -> 12;
        };
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }
}
