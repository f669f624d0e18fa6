package io.logagent.transfer.patterns;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Online template mining (Drain) for every topic: {@link #match} masks a line's first line, finds or creates its
 * template in the topic's {@link DrainTree} and returns the template's text and id.
 *
 * <p>Memory is bounded by {@code maxTemplates} over all topics: an access-ordered map evicts the template matched
 * least recently, counted in {@code logagent_transfer_patterns_evicted_total}. An evicted template that comes back
 * is mined again from its next line; as ids are a function of the text ({@link PatternIds}), it gets its old id
 * back as soon as it reaches the same text. Lines cut at {@code maxLineChars} are counted in
 * {@code logagent_transfer_patterns_cut_lines_total}.
 *
 * <p>Not thread-safe: one miner per consume loop, called on its thread only. {@code changed} hears every template
 * created or generalised (the store persists them) on that thread.
 */
public final class PatternMiner {

    private final PatternSettings settings;
    private final TokenMasker masker = new TokenMasker();
    private final Map<String, DrainTree> trees = new HashMap<>();
    private final Map<Template, Boolean> recent;
    private final Consumer<PatternChange> changed;
    private final Counter evicted;
    private final Counter created;
    private final Counter cutLines;

    public PatternMiner(PatternSettings settings, MeterRegistry registry, Consumer<PatternChange> changed) {
        this.settings = settings;
        this.changed = changed;
        this.evicted = Counter.builder("logagent.transfer.patterns.evicted")
                .description("templates dropped because [transfer] patterns_max_templates was reached")
                .register(registry);
        this.created = Counter.builder("logagent.transfer.patterns.created").register(registry);
        this.cutLines = Counter.builder("logagent.transfer.patterns.cut.lines")
                .description("lines mined on their first [transfer] patterns_max_line_chars characters only")
                .register(registry);
        this.recent = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Template, Boolean> eldest) {
                if (size() <= settings.maxTemplates()) {
                    return false;
                }
                eldest.getKey().leaf.remove(eldest.getKey());
                evicted.increment();
                return true;
            }
        };
        Gauge.builder("logagent.transfer.patterns.templates", recent, Map::size).register(registry);
    }

    public PatternMatch match(String topic, String message) {
        String[] tokens = tokens(masker.mask(firstLine(message)));
        DrainTree tree = trees.computeIfAbsent(topic, t -> new DrainTree(t, settings));
        Template t = tree.search(tokens);
        if (t == null) {
            t = tree.add(tokens);
            recent.put(t, Boolean.TRUE);
            created.increment();
            changed.accept(new PatternChange(topic, t.match(), null));
        } else {
            recent.get(t);
            String before = t.id;
            if (DrainTree.merge(t, tokens)) {
                changed.accept(new PatternChange(topic, t.match(), before));
            }
        }
        return t.match();
    }

    /**
     * Seeds a template learnt earlier (by this worker before a restart or by another worker), as its text: the next
     * lines of it are grouped under it, with its id, instead of being mined again from specific lines.
     */
    public void learn(String topic, String template) {
        String[] tokens = tokens(template);
        DrainTree tree = trees.computeIfAbsent(topic, t -> new DrainTree(t, settings));
        Template existing = tree.search(tokens);
        if (existing != null && existing.text.equals(template)) {
            return;
        }
        recent.put(tree.add(tokens), Boolean.TRUE);
    }

    public int size() {
        return recent.size();
    }

    private CharSequence firstLine(String message) {
        int end = message.length();
        for (int i = 0; i < end; i++) {
            char c = message.charAt(i);
            if (c == '\n' || c == '\r') {
                end = i;
                break;
            }
        }
        if (end > settings.maxLineChars()) {
            cutLines.increment();
            end = settings.maxLineChars();
        }
        return end == message.length() ? message : message.subSequence(0, end);
    }

    /** Whitespace-separated tokens (any run of spaces or tabs is one separator). */
    static String[] tokens(String line) {
        List<String> out = new ArrayList<>(16);
        int start = -1;
        for (int i = 0; i <= line.length(); i++) {
            boolean space = i == line.length() || Character.isWhitespace(line.charAt(i));
            if (space && start >= 0) {
                out.add(line.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return out.toArray(String[]::new);
    }
}
