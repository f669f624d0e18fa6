package io.logagent.agent.tail;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An entry's {@code include_lines} / {@code exclude_lines}: an event is kept when it matches one include pattern
 * (or there are none) and no exclude pattern. Matching uses the text decoded leniently (bad UTF-8 becomes U+FFFD);
 * the bytes sent are never the decoded text.
 */
final class LineFilter {

    private final List<Pattern> include;
    private final List<Pattern> exclude;

    LineFilter(List<String> include, List<String> exclude) {
        this.include = include.stream().map(Pattern::compile).toList();
        this.exclude = exclude.stream().map(Pattern::compile).toList();
    }

    boolean keeps(byte[] value) {
        if (include.isEmpty() && exclude.isEmpty()) {
            return true;
        }
        String text = new String(value, StandardCharsets.UTF_8);
        if (!include.isEmpty() && include.stream().noneMatch(p -> p.matcher(text).find())) {
            return false;
        }
        return exclude.stream().noneMatch(p -> p.matcher(text).find());
    }
}
