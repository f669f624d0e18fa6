package io.logagent.transfer.patterns;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces the parts of a line that are variable by nature with {@code <*>} before the line is mined: timestamps,
 * UUIDs, MAC and IP addresses (with a port), URLs and absolute paths, hex values and numbers (with a unit suffix such as
 * {@code 12ms} or {@code 3.5MB}). Drain's paper and drain3 do the same: masking makes most templates final from
 * their first line, so workers that see different lines of one template still agree on its text.
 *
 * <p>One alternation, one pass: at each position the alternatives are tried in the order written, so a timestamp
 * or an address wins over the numbers inside it. Numbers glued to letters ({@code sha256}, {@code v2}) stay:
 * they are names, not values. Thread-safe (a compiled {@link Pattern} is).
 */
public final class TokenMasker {

    public static final String WILDCARD = "<*>";

    private static final String TIMESTAMP = String.join("|",
            // 2026-12-02T18:11:19.123Z, 2026-12-02 18:11:19,123 +0100, 2026/12/02 18:11:19
            "\\d{4}[-/]\\d{2}[-/]\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2})?(?:[.,]\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2}\\b)?",
            // syslog: Dec  2 18:11:19
            "\\b[A-Z][a-z]{2} {1,2}\\d{1,2} \\d{2}:\\d{2}:\\d{2}",
            // access log: 02/Dec/2026:18:11:19 +0000
            "\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2}(?: [+-]\\d{4})?",
            // the kernel's uptime: [  123.456789]
            "\\[\\s*\\d+\\.\\d+\\]",
            // a time of day alone: 18:11:19.123
            "\\b\\d{1,2}:\\d{2}:\\d{2}(?:[.,]\\d+)?");
    private static final String UUID = "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b";
    private static final String IP = "(?<![\\w.])\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d{1,5})?(?![\\w.])"
            + "|(?<![\\w:])(?:[0-9a-fA-F]{1,4}:){2,7}[0-9a-fA-F]{1,4}(?![\\w:])";
    private static final String MAC = "\\b(?:[0-9a-fA-F]{2}:){5,}[0-9a-fA-F]{2}\\b";
    private static final String URL = "\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s\"'<>]+";
    // at least one character after a slash: a lone "/" stays; HTTP/1.1 stays (a word before the slash)
    private static final String PATH = "(?<![\\w/.:])(?:/[\\w.@%+~=&?,:-]+)+/?";
    private static final String HEX = "\\b0[xX][0-9a-fA-F]+\\b|\\b(?=[0-9a-fA-F]*\\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}\\b";
    private static final String NUMBER = "(?<![A-Za-z0-9.])[-+]?\\d+(?:[.,]\\d+)*(?:[a-zA-Zµ]{1,3})?(?![A-Za-z0-9])";

    private static final Pattern VARIABLE = Pattern.compile(
            String.join("|", TIMESTAMP, UUID, MAC, IP, URL, PATH, HEX, NUMBER));

    /**
     * Every alternative starts where the previous character is not a letter or digit (a token's start, or after
     * punctuation such as {@code [ = / -}), so the alternation is tried only there ({@code lookingAt} at that
     * position) instead of at every character: a 200-character line costs a few attempts, not 200.
     */
    /**
     * A letter starts a match only as a syslog month ({@code Dec  2}), or in a token holding a digit or a colon
     * (hex, UUID, MAC, IPv6, a URL's {@code ://}): most words end the test at their first space.
     */
    private static boolean letterStartMayMatch(CharSequence line, int i) {
        if (i + 3 < line.length() && Character.isUpperCase(line.charAt(i)) && line.charAt(i + 3) == ' ') {
            return true;
        }
        for (int j = i; j < line.length(); j++) {
            char c = line.charAt(j);
            if (Character.isDigit(c) || c == ':') {
                return true;
            }
            if (Character.isWhitespace(c)) {
                return false;
            }
        }
        return false;
    }

    public String mask(CharSequence line) {
        Matcher m = VARIABLE.matcher(line).useTransparentBounds(true).useAnchoringBounds(false);
        StringBuilder out = null;
        int last = 0;
        int n = line.length();
        for (int i = 0; i < n; i++) {
            if (i > 0 && Character.isLetterOrDigit(line.charAt(i - 1))) {
                continue;
            }
            char c = line.charAt(i);
            if (Character.isLetter(c) ? !letterStartMayMatch(line, i) : !Character.isDigit(c) && c != '['
                    && c != '/' && c != '+' && c != '-') {
                continue;
            }
            m.region(i, n);
            if (m.lookingAt() && m.end() > i) {
                if (out == null) {
                    out = new StringBuilder(n);
                }
                out.append(line, last, i).append(WILDCARD);
                last = m.end();
                i = last - 1;
            }
        }
        return out == null ? line.toString() : out.append(line, last, n).toString();
    }
}
