package io.logagent.core.event;

/**
 * Document fields the transfer writes for log patterns and the console aggregates on. {@code pattern_id} is a
 * keyword: 16 hex digits of SHA-256 over topic and template text (the transfer's {@code PatternIds}).
 */
public final class PatternFields {
    /** The template text, variable parts as {@code <*>} (keyword). */
    public static final String PATTERN = "pattern";
    /** The template's stable id (keyword). */
    public static final String PATTERN_ID = "pattern_id";

    private PatternFields() {
    }
}
