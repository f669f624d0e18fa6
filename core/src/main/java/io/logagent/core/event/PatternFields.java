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

    /** In the store: the id of the template this one generalised into (documents keep the id they got). */
    public static final String REPLACED_BY = "replaced_by";

    /**
     * The index of the template store beside the search alias ({@code [es] index_alias_all} of the transfer,
     * {@code [es] index} of the console): outside the alias, so searches never see it.
     */
    public static String storeIndex(String alias) {
        return alias + "_patterns";
    }

    private PatternFields() {
    }
}
