package io.logagent.transfer.document;

import io.logagent.core.time.Stamp;
import io.logagent.core.time.StampFamily;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the severity a line declares and normalises it to one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL.
 * Recognised: a syslog priority prefix ({@code <11>}), {@code level=warn} / {@code "level":"warn"} (logfmt, JSON),
 * a bracketed word in any case ({@code [error]} as nginx and Apache write it) and an upper-case word
 * ({@code 2026-… ERROR [main] …}). Bare lower-case words are ignored: "info" in prose is not a level.
 * The earliest match in the line's head wins. Syslog-only names map to the nearest of the six (NOTICE → INFO,
 * CRIT/ALERT/EMERG → FATAL).
 *
 * <p>Before that search, the columns where formats put their level are read directly (given the line's stamp):
 * glog's letter ({@code I1130 06:13:00.123456}), logcat's letter ({@code I/Tag( 12):} or after the PID and TID of
 * {@code 11-30 06:13:00.123 12 34 I Tag:}), the word right after the stamp in upper case or capitalised
 * ({@code 2016-09-28 04:30:30, Info CBS}, Serilog's {@code [INF]}), java.util.logging's {@code SEVERE:} / {@code FINE:}
 * line, and a lower-case {@code error:} / {@code warning:} right after a syslog program name ({@code sshd[12]: error:}).
 * When unsure, no level: a wrong level is worse than none.
 */
public final class LevelExtractor {

    private static final int SEARCH_CHARS = 256;
    private static final String NAMES = "TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|FATAL|CRITICAL|CRIT|SEVERE"
            + "|ALERT|EMERG|EMERGENCY|PANIC";
    private static final Pattern SYSLOG_PRI = Pattern.compile("^<(\\d{1,3})>");
    /** The commonest form first: once a match is found, the others only search the part of the head before it. */
    private static final List<Pattern> WORDS = List.of(
            Pattern.compile("\\b(" + NAMES + ")\\b"),
            Pattern.compile("(?i)\\b(?:level|lvl|severity|loglevel)\"?\\s*[=:]\\s*\"?(" + NAMES + ")\\b|\\bat=(" + NAMES
                    + ")\\b"),
            Pattern.compile("(?i)[\\[(<]\\s*(?:\\w{1,32}:)?(" + NAMES + ")\\s*[])>]"));
    /**
     * Longer than any match of {@link #WORDS} ({@code loglevel" = "EMERGENCY} is 23 characters): a match starting
     * before the best one so far ends within this many characters after it, so the search can stop there. This is
     * what keeps the transfer's consumer thread from spending most of its time in these regexes.
     */
    private static final int LONGEST_MATCH = 64;
    private static final String[] SYSLOG_SEVERITY = {"FATAL", "FATAL", "FATAL", "ERROR", "WARN", "INFO", "INFO", "DEBUG"};
    private static final Map<String, String> NORMAL = Map.ofEntries(
            Map.entry("TRACE", "TRACE"), Map.entry("DEBUG", "DEBUG"), Map.entry("INFO", "INFO"),
            Map.entry("NOTICE", "INFO"), Map.entry("WARN", "WARN"), Map.entry("WARNING", "WARN"),
            Map.entry("ERROR", "ERROR"), Map.entry("ERR", "ERROR"), Map.entry("SEVERE", "ERROR"),
            Map.entry("FATAL", "FATAL"), Map.entry("CRITICAL", "FATAL"), Map.entry("CRIT", "FATAL"),
            Map.entry("ALERT", "FATAL"), Map.entry("EMERG", "FATAL"), Map.entry("EMERGENCY", "FATAL"),
            Map.entry("PANIC", "FATAL"));

    private static final Pattern GLOG = Pattern.compile("([IWEF])\\d{4} ");
    private static final Pattern LOGCAT_BRIEF = Pattern.compile("([VDIWEFA])/[^(:\\s]{1,64}\\s*\\(\\s*\\d+\\):");
    private static final Pattern LOGCAT_THREADTIME = Pattern.compile("\\s+\\d+\\s+\\d+\\s+([VDIWEFA])\\s");
    /** Redis: {@code 1:M 30 Nov 2026 06:13:00.123 * Ready}: {@code .} debug, {@code -} verbose, {@code *} notice, {@code #} warning. */
    private static final Pattern REDIS = Pattern.compile("\\d+:[XCSM] ");
    /** Cisco's {@code %ASA-6-302013:} / {@code %LINK-3-UPDOWN:} after the stamp (and a host): the digit is the severity. */
    private static final Pattern CISCO = Pattern.compile(":?\\s+(?:[^\\s%]+\\s+){0,5}%[A-Z][A-Z0-9_]*-([0-7])-[A-Z0-9_]+:");
    /** PHP's error log: {@code [30-Nov-2026 06:13:00 UTC] PHP Warning:  …}. */
    private static final Pattern PHP = Pattern.compile("\\]?\\s+PHP (Fatal error|Parse error|Recoverable fatal error|Warning|Notice|Deprecated|Strict Standards):");
    /** MongoDB's JSON: {@code {"t":{"$date":…},"s":"I", …}}. */
    private static final Pattern MONGO = Pattern.compile("\"s\"\\s*:\\s*\"([FEWID])\\d?\"");
    private static final Pattern JUL_LINE = Pattern.compile("(SEVERE|WARNING|INFO|CONFIG|FINE|FINER|FINEST): ");
    /** After the stamp: separators, an optional bracket, then the level word (case checked in code). */
    private static final Pattern COLUMN = Pattern.compile("[\\s,|\\]-]*(?:\\[\\d+\\]\\s+)?\\[?([A-Za-z]{3,11})\\b(?![.\\-/])");
    /** After a syslog stamp: host, program[pid]:, an optional kernel time, then a lower-case level and a colon. */
    private static final Pattern PROGRAM_PREFIX = Pattern.compile("\\s+\\S+\\s+[^\\s:\\[]+(?:\\[\\d+\\])?:\\s+"
            + "(?:\\[\\s*\\d+\\.\\d+\\]\\s+)?(error|warning|warn|fatal|crit|critical|alert|emerg|notice|info|debug)\\d?: ");
    /** In the level column more spellings are safe than anywhere in the line: JUL's, Serilog's, Windows'. */
    private static final Map<String, String> COLUMN_NAMES = columnNames();

    public Optional<String> extract(String line) {
        return Optional.ofNullable(extract(line, null));
    }

    /**
     * @param stamp the line's stamp, or null
     * @return TRACE, DEBUG, INFO, WARN, ERROR or FATAL, or null
     */
    public String extract(String line, Stamp stamp) {
        if (line.startsWith("<")) {
            Matcher pri = SYSLOG_PRI.matcher(line);
            if (pri.lookingAt() && Integer.parseInt(pri.group(1)) <= 191) {
                return SYSLOG_SEVERITY[Integer.parseInt(pri.group(1)) % 8];
            }
        }
        String column = column(line, stamp);
        return column != null ? column : search(line);
    }

    private static String column(String line, Stamp stamp) {
        if (line.isEmpty()) {
            return null;
        }
        char first = line.charAt(0);
        if (stamp != null && stamp.family() == StampFamily.GLOG) {
            Matcher g = GLOG.matcher(line);
            return g.lookingAt() ? letter(g.group(1).charAt(0)) : null;
        }
        if (first >= 'A' && first <= 'Z' && line.length() > 1) {
            Matcher m = line.charAt(1) == '/' ? LOGCAT_BRIEF.matcher(line) : JUL_LINE.matcher(line);
            if (m.lookingAt()) {
                return m.group(1).length() == 1 ? letter(m.group(1).charAt(0)) : COLUMN_NAMES.get(m.group(1));
            }
        }
        if (first == '{' && line.startsWith("{\"t\":{\"$date\"")) {
            Matcher m = MONGO.matcher(line);
            return m.find() ? letter(m.group(1).charAt(0)) : null;
        }
        if (stamp == null || stamp.end() <= 0 || stamp.end() >= line.length()) {
            return null;
        }
        int end = Math.min(line.length(), stamp.end() + SEARCH_CHARS);
        if (stamp.family() == StampFamily.LOGCAT) {
            Matcher m = LOGCAT_THREADTIME.matcher(line).region(stamp.end(), end);
            if (m.lookingAt()) {
                return letter(m.group(1).charAt(0));
            }
        }
        if (stamp.family() == StampFamily.DAY_MONTH_YEAR && stamp.end() + 2 < line.length()
                && line.charAt(stamp.end()) == ' ' && line.charAt(stamp.end() + 2) == ' ' && REDIS.matcher(line).lookingAt()) {
            String redis = switch (line.charAt(stamp.end() + 1)) {
                case '.' -> "DEBUG";
                case '-' -> "TRACE";
                case '*' -> "INFO";
                case '#' -> "WARN";
                default -> null;
            };
            if (redis != null) {
                return redis;
            }
        }
        Matcher cisco = CISCO.matcher(line).region(stamp.end(), end);
        if (cisco.lookingAt()) {
            return SYSLOG_SEVERITY[cisco.group(1).charAt(0) - '0'];
        }
        Matcher php = PHP.matcher(line).region(stamp.end(), end);
        if (php.lookingAt()) {
            return switch (php.group(1)) {
                case "Warning" -> "WARN";
                case "Notice", "Deprecated", "Strict Standards" -> "INFO";
                default -> "FATAL";
            };
        }
        Matcher c = COLUMN.matcher(line).region(stamp.end(), end).useTransparentBounds(true);
        if (c.lookingAt()) {
            String word = c.group(1);
            boolean upper = word.equals(word.toUpperCase(Locale.ROOT));
            boolean capitalised = Character.isUpperCase(word.charAt(0))
                    && word.substring(1).equals(word.substring(1).toLowerCase(Locale.ROOT));
            String level = upper || capitalised ? COLUMN_NAMES.get(word.toUpperCase(Locale.ROOT)) : null;
            if (level != null) {
                return level;
            }
        }
        Matcher p = PROGRAM_PREFIX.matcher(line).region(stamp.end(), end);
        return p.lookingAt() ? NORMAL.get(p.group(1).toUpperCase(Locale.ROOT)) : null;
    }

    private static Map<String, String> columnNames() {
        Map<String, String> names = new java.util.HashMap<>(NORMAL);
        names.putAll(Map.of("FINE", "DEBUG", "FINER", "TRACE", "FINEST", "TRACE", "CONFIG", "INFO",
                "INFORMATION", "INFO", "VERBOSE", "TRACE", "INF", "INFO", "WRN", "WARN", "DBG", "DEBUG", "VRB", "TRACE"));
        names.putAll(Map.of("FTL", "FATAL", "TRC", "TRACE", "LOG", "INFO")); // LOG: PostgreSQL's "[pid] LOG:"
        return Map.copyOf(names);
    }

    private static String letter(char c) {
        return switch (c) {
            case 'V' -> "TRACE";
            case 'D' -> "DEBUG";
            case 'I' -> "INFO";
            case 'W' -> "WARN";
            case 'E' -> "ERROR";
            default -> "FATAL"; // F and A (assert)
        };
    }

    private static String search(String line) {
        String head = line.length() > SEARCH_CHARS ? line.substring(0, SEARCH_CHARS) : line;
        String best = null;
        int bestStart = Integer.MAX_VALUE;
        for (Pattern p : WORDS) {
            if (bestStart == 0) {
                break; // nothing can start earlier
            }
            Matcher m = p.matcher(head).useTransparentBounds(true);
            if (best != null) {
                m.region(0, Math.min(head.length(), bestStart + LONGEST_MATCH));
            }
            if (m.find() && m.start() < bestStart) {
                best = m.group(1) != null ? m.group(1) : m.group(2); // group 2: Heroku's at=info
                bestStart = m.start();
            }
        }
        return best == null ? null : NORMAL.get(best.toUpperCase(Locale.ROOT));
    }
}
