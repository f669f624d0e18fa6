package io.logagent.transfer.patterns;

import java.util.List;

/**
 * One mined template (Drain's "log group"): its tokens, where it lives in the tree, and its text and id, which are
 * recomputed only when a token generalises (rare), not per line. Confined to the miner's thread.
 */
final class Template {

    final String topic;
    final List<Template> leaf;
    String[] tokens;
    String text;
    String id;

    Template(String topic, String[] tokens, List<Template> leaf) {
        this.topic = topic;
        this.tokens = tokens;
        this.leaf = leaf;
        rename();
    }

    void rename() {
        text = String.join(" ", tokens);
        id = PatternIds.of(topic, text);
    }

    PatternMatch match() {
        return new PatternMatch(id, text);
    }
}
