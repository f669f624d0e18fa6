package io.logagent.transfer.patterns;

/**
 * The template a line was grouped under, at the moment it was grouped.
 *
 * @param id       {@link PatternIds#of}: a pure function of topic and template text
 * @param template the masked tokens, variable ones as {@code <*>}, joined by single spaces
 */
public record PatternMatch(String id, String template) {
}
