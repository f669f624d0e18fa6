package io.logagent.transfer.patterns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.logagent.transfer.patterns.TokenMasker.WILDCARD;

/**
 * Drain's fixed-depth prefix tree for one topic (He et al., "Drain: An Online Log Parsing Approach with Fixed Depth
 * Tree", ICWS 2017; drain3's layout): the first layer is the token count, the next {@code depth - 2} layers the
 * leading tokens, and a leaf holds the templates that share them. A token with a digit or a wildcard takes the
 * {@code <*>} branch (it is likely a value), a {@code key=value} token the {@code key=<*>} branch, and a node that
 * already has {@code maxChildren} children sends new tokens to its {@code <*>} child, so the tree stays small.
 *
 * <p>In the leaf a line joins the template with the highest share of equal tokens (ties: more wildcards), when
 * that share reaches the similarity threshold; the template's differing tokens become {@code <*>} ({@code k=<*>}
 * when both are {@code k=…}). Otherwise the line starts a template of its own. Not thread-safe.
 */
final class DrainTree {

    private static final class Node {
        final Map<String, Node> children = new HashMap<>(4);
        List<Template> templates;
    }

    /**
     * A value token (digits, wildcard) searches every branch of a node with at most this many children: a template
     * first seen with a word there ({@code alpha} as host) is found by lines with a value there ({@code web-01}).
     * Bounded so that a node full of distinct words costs one branch, not a hundred.
     */
    private static final int WIDE_SEARCH = 16;

    private final String topic;
    private final PatternSettings settings;
    private final Map<Integer, Node> byLength = new HashMap<>();

    DrainTree(String topic, PatternSettings settings) {
        this.topic = topic;
        this.settings = settings;
    }

    /**
     * The most similar template for the line, or {@code null}: the caller then {@link #add}s one. At each layer both
     * the token's own branch and the {@code <*>} branch are searched (a value token: every branch, see
     * {@link #WIDE_SEARCH}), so a word in a variable position (a host name without digits) does not split a
     * template that already exists.
     */
    Template search(String[] tokens) {
        Node node = byLength.get(tokens.length);
        if (node == null) {
            return null;
        }
        Best best = new Best();
        search(node, tokens, 0, Math.min(settings.depth() - 2, tokens.length), best);
        return best.sim >= settings.similarity() ? best.template : null;
    }

    private static final class Best {
        Template template;
        double sim = -1;
        int params = -1;
    }

    private void search(Node node, String[] tokens, int layer, int layers, Best best) {
        if (layer == layers) {
            if (node.templates != null) {
                node.templates.forEach(t -> score(t, tokens, best));
            }
            return;
        }
        String key = branchOf(tokens[layer]);
        if (key.equals(WILDCARD) && node.children.size() <= WIDE_SEARCH) {
            for (Node child : node.children.values()) {
                search(child, tokens, layer + 1, layers, best);
            }
            return;
        }
        Node own = node.children.get(key);
        if (own != null) {
            search(own, tokens, layer + 1, layers, best);
        }
        Node any = key.equals(WILDCARD) ? null : node.children.get(WILDCARD);
        if (any != null) {
            search(any, tokens, layer + 1, layers, best);
        }
    }

    private static void score(Template t, String[] tokens, Best best) {
        int equal = 0;
        int params = 0;
        for (int i = 0; i < tokens.length; i++) {
            String tt = t.tokens[i];
            if (tt.equals(tokens[i]) || coversKeyValue(tt, tokens[i])) {
                equal++;
            } else if (tt.equals(WILDCARD)) {
                params++;
            }
        }
        double sim = tokens.length == 0 ? 1 : (double) equal / tokens.length;
        if (sim > best.sim || (sim == best.sim && params > best.params)) {
            best.template = t;
            best.sim = sim;
            best.params = params;
        }
    }

    Template add(String[] tokens) {
        List<Template> leaf = leaf(tokens);
        Template t = new Template(topic, tokens, leaf);
        leaf.add(t);
        return t;
    }

    /** Generalises {@code t} to cover {@code tokens}; true when its text changed. */
    static boolean merge(Template t, String[] tokens) {
        String[] merged = null;
        for (int i = 0; i < tokens.length; i++) {
            String tt = t.tokens[i];
            if (tt.equals(tokens[i]) || tt.equals(WILDCARD) || coversKeyValue(tt, tokens[i])) {
                continue;
            }
            if (merged == null) {
                merged = t.tokens.clone();
            }
            String key = keyOf(tt);
            merged[i] = key != null && tokens[i].startsWith(key) ? key + WILDCARD : WILDCARD;
        }
        if (merged == null) {
            return false;
        }
        t.tokens = merged;
        t.rename();
        return true;
    }

    /** The leaf of a line's length and leading tokens, made when missing. */
    private List<Template> leaf(String[] tokens) {
        Node node = byLength.computeIfAbsent(tokens.length, n -> new Node());
        int layers = Math.min(settings.depth() - 2, tokens.length);
        for (int i = 0; i < layers; i++) {
            String key = branchOf(tokens[i]);
            Node child = node.children.get(key);
            if (child == null) {
                // a full node sends further distinct tokens to its <*> child
                String k = node.children.size() < settings.maxChildren() ? key : WILDCARD;
                child = node.children.computeIfAbsent(k, x -> new Node());
            }
            node = child;
        }
        if (node.templates == null) {
            node.templates = new ArrayList<>(2);
        }
        return node.templates;
    }

    private static String branchOf(String token) {
        String key = keyOf(token);
        if (key != null) {
            return key + WILDCARD;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (Character.isDigit(c) || (c == '<' && token.startsWith(WILDCARD, i))) {
                return WILDCARD;
            }
        }
        return token;
    }

    /** {@code "user="} of {@code "user=bob"}; null when the token is not key=value. */
    private static String keyOf(String token) {
        int eq = token.indexOf('=');
        return eq > 0 && eq < token.length() - 1 ? token.substring(0, eq + 1) : null;
    }

    private static boolean coversKeyValue(String templateToken, String token) {
        return templateToken.endsWith("=" + WILDCARD)
                && token.startsWith(templateToken.substring(0, templateToken.length() - WILDCARD.length()));
    }
}
