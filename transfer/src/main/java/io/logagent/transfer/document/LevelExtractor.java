package io.logagent.transfer.document;

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
 */
public final class LevelExtractor {

    private static final int SEARCH_CHARS = 256;
    private static final String NAMES = "TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|FATAL|CRITICAL|CRIT|SEVERE"
            + "|ALERT|EMERG|EMERGENCY|PANIC";
    private static final Pattern SYSLOG_PRI = Pattern.compile("^<(\\d{1,3})>");
    /** The commonest form first: once a match is found, the others only search the part of the head before it. */
    private static final List<Pattern> WORDS = List.of(
            Pattern.compile("\\b(" + NAMES + ")\\b"),
            Pattern.compile("(?i)\\b(?:level|lvl|severity|loglevel)\"?\\s*[=:]\\s*\"?(" + NAMES + ")\\b"),
            Pattern.compile("(?i)[\\[(<]\\s*(" + NAMES + ")\\s*[])>]"));
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

    public Optional<String> extract(String line) {
        String head = line.length() > SEARCH_CHARS ? line.substring(0, SEARCH_CHARS) : line;
        Matcher pri = SYSLOG_PRI.matcher(head);
        if (pri.find()) {
            int value = Integer.parseInt(pri.group(1));
            if (value <= 191) {
                return Optional.of(SYSLOG_SEVERITY[value % 8]);
            }
        }
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
                best = m.group(1);
                bestStart = m.start();
            }
        }
        return Optional.ofNullable(best).map(w -> NORMAL.get(w.toUpperCase(Locale.ROOT)));
    }
}
