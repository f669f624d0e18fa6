package io.logagent.transfer.patterns;

/**
 * The miner's knobs (declared as ini settings in {@code TransferSettings}).
 *
 * @param depth        Drain's tree depth: root, token count, then {@code depth - 2} leading tokens
 * @param similarity   a line joins the most similar template of its leaf when at least this share of its tokens
 *                     equal the template's
 * @param maxChildren  children of one tree node; further distinct tokens share a {@code <*>} child
 * @param maxTemplates templates kept (all topics together); the least recently matched is evicted
 * @param maxLineChars only this many characters of the first line are mined
 */
public record PatternSettings(int depth, double similarity, int maxChildren, int maxTemplates, int maxLineChars) {

    public static final PatternSettings DEFAULTS = new PatternSettings(4, 0.5, 100, 20_000, 4096);

    public PatternSettings withMaxTemplates(int max) {
        return new PatternSettings(depth, similarity, maxChildren, max, maxLineChars);
    }

    public PatternSettings {
        if (depth < 3) {
            throw new IllegalArgumentException("pattern tree depth must be >= 3, was " + depth);
        }
        if (similarity <= 0 || similarity > 1) {
            throw new IllegalArgumentException("pattern similarity must be in (0, 1], was " + similarity);
        }
    }
}
