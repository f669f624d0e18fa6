package io.logagent.console.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the engine's query parser dump (Lucene's "Cannot parse …: Encountered … at line 1, column 17. Was expecting
 * one of: <AND> … <OR> … (twenty lines)") into one short line: where, what was found, what was expected.
 */
final class QueryError {

    private static final Pattern ENCOUNTERED = Pattern.compile("Encountered \"?(.*?)\"? at line \\d+, column (\\d+)");
    private static final Pattern LEXICAL = Pattern.compile("Lexical error at line \\d+, column (\\d+)\\.\\s+Encountered: (\\S+)");
    private static final Pattern EXPECTED = Pattern.compile("^\\s+(\\S.*?) \\.\\.\\.\\s*$", Pattern.MULTILINE);
    /** The lexer's "… after prefix "\"unterminated": the text read so far starts with a quote. */
    private static final Pattern OPEN_QUOTE = Pattern.compile("after\\b[^\"]*\"\\\\\"");
    /** The grammar's token names a user can act on; the others (BAREOPER, PREFIXTERM, …) are left out. */
    private static final Map<String, String> NAMES = Map.of("QUOTED", "a quoted phrase", "TERM", "a term",
            "RANGE_QUOTED", "a value", "RANGE_GOOP", "a value", "NUMBER", "a number", "AND", "AND", "OR", "OR", "NOT", "NOT");
    private static final int MAX_EXPECTED = 6;
    private static final int MAX_LENGTH = 200;

    private QueryError() {
    }

    static String shorten(String reason) {
        Matcher m = ENCOUNTERED.matcher(reason);
        if (m.find()) {
            String found = token(m.group(1));
            StringBuilder sb = new StringBuilder("at column ").append(m.group(2)).append(": unexpected ").append(found);
            int at = reason.indexOf("Was expecting");
            if (at >= 0) {
                List<String> expected = expected(reason.substring(at));
                if (!expected.isEmpty()) {
                    sb.append(", expected ").append(String.join(", ", expected.subList(0, Math.min(MAX_EXPECTED, expected.size()))));
                    if (expected.size() > MAX_EXPECTED) {
                        sb.append(" …");
                    }
                }
            }
            return sb.toString();
        }
        Matcher lexical = LEXICAL.matcher(reason);
        if (lexical.find()) {
            return "at column " + lexical.group(1) + ": unexpected " + token(lexical.group(2))
                    + (OPEN_QUOTE.matcher(reason).find() ? " (a quote is not closed)" : "");
        }
        String first = reason.lines().findFirst().orElse(reason).strip();
        return first.length() <= MAX_LENGTH ? first : first.substring(0, MAX_LENGTH) + "…";
    }

    /** {@code <EOF>} or {@code <OR> "OR "} (the grammar's name, then the text) as the user wrote it. */
    private static String token(String raw) {
        String t = raw.strip();
        if (t.startsWith("<EOF>") || t.isEmpty()) {
            return "end of query";
        }
        Matcher text = Pattern.compile("\"(.*)\"").matcher(t);
        return "'" + (text.find() ? text.group(1).strip() : t) + "'";
    }

    private static List<String> expected(String block) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = EXPECTED.matcher(block);
        while (m.find()) {
            String t = m.group(1).strip();
            if (t.startsWith("<") && t.endsWith(">")) {
                String name = NAMES.get(t.substring(1, t.length() - 1));
                if (name != null) {
                    out.add(name);
                }
            } else {
                out.add(t.length() > 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t);
            }
        }
        return new ArrayList<>(out);
    }
}
