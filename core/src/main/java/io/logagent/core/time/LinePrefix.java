package io.logagent.core.time;

import java.util.Set;

/**
 * What may stand before a line's stamp, for {@link TimestampRecognizer}: the tokens it skips while looking for the
 * stamp, and where the message text (and so the search) begins.
 */
final class LinePrefix {

    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "NOTICE", "WARN",
            "WARNING", "ERROR", "SEVERE", "FATAL", "CRITICAL");

    private static final Set<String> SCHEMES = Set.of("http", "https", "h2", "grpcs", "ws", "wss");

    /**
     * Tokens that may come before the stamp: a PID or counter, a host, IP, thread or file name (anything with a
     * digit or one of {@code . _ / @ # = :} inside), a bracketed group, an upper-case level. A plain word is where
     * the message begins, and the search stops there.
     */
    static boolean isPrefixToken(CharSequence s, int p, int end) {
        int e = end;
        while (e > p && ":,])>".indexOf(s.charAt(e - 1)) >= 0) {
            e--;
        }
        if (e == p || (e - p == 1 && s.charAt(p) == '-')) {
            return true;
        }
        if (s.charAt(end - 1) == ']' && p > 0 && s.charAt(p - 1) == '[') {
            return true;
        }
        boolean upper = true;
        for (int i = p; i < e; i++) {
            char c = s.charAt(i);
            if (isDigit(c) || "._/@#=:-".indexOf(c) >= 0) {
                return true;
            }
            upper &= c >= 'A' && c <= 'Z';
        }
        // "INFO 2026-…": a level before the stamp; as the line's first token an alert tag ("KERNDTLB 1118536327")
        // or Ruby's severity letter ("I, [2026-11-30T06:13:00.123456 #1234]  INFO -- : …")
        if (p == 0 && SCHEMES.contains(s.subSequence(p, e).toString())) {
            return true; // AWS load balancers: "https 2026-11-30T06:13:00.123456Z app/my-lb/…"
        }
        return upper && (LEVELS.contains(s.subSequence(p, e).toString()) || (p == 0 && e - p <= 12));
    }

    /** logfmt's {@code time=2026-…} / {@code ts=…} as the first token: the stamp is the value. */
    static boolean isKeyValueStamp(CharSequence s, int p, int end) {
        int eq = indexOf(s, '=', p, Math.min(end, p + 10));
        int v = eq + (eq + 1 < end && s.charAt(eq + 1) == '"' ? 2 : 1);
        if (eq < 0 || v >= end || !isDigit(s.charAt(v))) {
            return false;
        }
        String key = s.subSequence(p, eq).toString();
        return key.equals("time") || key.equals("ts") || key.equals("timestamp") || key.equals("t");
    }

    static boolean isPriority(CharSequence s, int p, int end) {
        int close = indexOf(s, '>', p, end);
        if (close < p + 2 || close > p + 4) {
            return false;
        }
        for (int i = p + 1; i < close; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static int tokenEnd(CharSequence s, int p, int limit) {
        int e = p;
        while (e < limit && s.charAt(e) != ' ' && s.charAt(e) != '\t') {
            e++;
        }
        return e;
    }

    static int skipSpaces(CharSequence s, int p, int limit) {
        while (p < limit && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) {
            p++;
        }
        return p;
    }

    static int indexOf(CharSequence s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private LinePrefix() {
    }
}
