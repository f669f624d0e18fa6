package io.logagent.core.time;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.text.ParsePosition;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An entry's own timestamp format, for what no heuristic can guess: a {@code java.time} pattern read at the line's
 * start ({@code "yyMMdd HHmmss"}), or, with a regex, read from the regex's named group {@code ts}. A pattern
 * without a year takes the current one (last year's when that is more than a day ahead); a pattern without a zone
 * uses the caller's zone. Immutable and thread-safe.
 */
public final class TimestampFormat {

    /** The named group of {@code regex} that holds the stamp. */
    public static final String GROUP = "ts";
    private static final int SEARCH_CHARS = 1024;

    private final String pattern;
    private final String regexText;
    private final DateTimeFormatter formatter;
    private final Pattern regex;
    private final boolean hasYear;

    private TimestampFormat(String pattern, String regexText, DateTimeFormatter formatter, Pattern regex,
                            boolean hasYear) {
        this.pattern = pattern;
        this.regexText = regexText;
        this.formatter = formatter;
        this.regex = regex;
        this.hasYear = hasYear;
    }

    /**
     * @param regex null, or a regex with a named group {@code ts}
     * @throws IllegalArgumentException with the reason, fit for a config error message
     */
    public static TimestampFormat of(String pattern, String regex) {
        boolean hasYear = hasLetter(pattern, "yuY");
        DateTimeFormatter f;
        try {
            DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern);
            if (!hasYear) {
                b.parseDefaulting(ChronoField.YEAR_OF_ERA, 2000); // a leap year: Feb 29 parses; the year is set later
            }
            f = b.toFormatter(Locale.ENGLISH);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pattern '" + pattern + "' is not a java.time pattern: " + e.getMessage());
        }
        ZonedDateTime sample = ZonedDateTime.of(2026, 11, 30, 16, 13, 7, 123_000_000, ZoneId.of("Europe/Berlin"));
        TimestampFormat format;
        try {
            String text = f.format(sample);
            format = new TimestampFormat(pattern, regex, f, null, hasYear);
            if (format.read(text, 0, ZoneOffset.UTC, sample.toInstant()) == null) {
                throw new DateTimeException("no date and time");
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("pattern '" + pattern
                    + "' must name at least a month, a day and an hour (" + e.getMessage() + ")");
        }
        if (regex == null) {
            return format;
        }
        Pattern r;
        try {
            r = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("regex is not a valid regular expression: " + e.getDescription());
        }
        if (!r.namedGroups().containsKey(GROUP)) {
            throw new IllegalArgumentException("regex must have a named group (?<" + GROUP + ">…) around the stamp");
        }
        return new TimestampFormat(pattern, regex, f, r, hasYear);
    }

    public String pattern() {
        return pattern;
    }

    /** The regex, or null. */
    public String regex() {
        return regexText;
    }

    /**
     * The stamp of the line, or null when the line does not have one in this format.
     *
     * @param readTime when the line was read: a stamp without a year is the latest one not more than a day after it
     */
    public Stamp parse(CharSequence line, ZoneId zone, Instant readTime) {
        CharSequence head = line.length() > SEARCH_CHARS ? line.subSequence(0, SEARCH_CHARS) : line;
        if (regex == null) {
            return read(head, 0, zone, readTime);
        }
        Matcher m = regex.matcher(head);
        if (!m.find() || m.start(GROUP) < 0) {
            return null;
        }
        Stamp s = read(head.subSequence(0, m.end(GROUP)), m.start(GROUP), zone, readTime);
        return s == null ? null : new Stamp(s.instant(), s.family(), m.end());
    }

    private Stamp read(CharSequence text, int from, ZoneId zone, Instant readTime) {
        ParsePosition pos = new ParsePosition(from);
        TemporalAccessor t;
        try {
            t = formatter.parse(text, pos);
        } catch (DateTimeException e) {
            return null;
        }
        LocalDate date = t.query(TemporalQueries.localDate());
        LocalTime time = t.query(TemporalQueries.localTime());
        if (date == null || time == null) {
            return null;
        }
        ZoneId z = t.query(TemporalQueries.zone());
        ZoneId in = z != null ? z : zone;
        Instant instant;
        if (hasYear) {
            instant = LocalDateTime.of(date, time).atZone(in).toInstant();
        } else {
            Instant now = readTime;
            int year = now.atZone(in).getYear();
            instant = LocalDateTime.of(date.withYear(year), time).atZone(in).toInstant();
            if (instant.isAfter(now.plus(Duration.ofDays(1)))) {
                instant = LocalDateTime.of(date.withYear(year - 1), time).atZone(in).toInstant();
            }
        }
        return new Stamp(instant, StampFamily.CUSTOM, pos.getIndex());
    }

    /** Whether a pattern letter (outside quotes) is one of {@code letters}. */
    private static boolean hasLetter(String pattern, String letters) {
        boolean quoted = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && letters.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }
}
