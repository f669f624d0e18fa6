package io.logagent.transfer.patterns;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Grouping accuracy on {@code patterns/corpus.tsv} (lines of 45 known templates in syslog, nginx/apache, Java,
 * Go, key=value and Python formats, interleaved): the share of lines whose group is exactly their true group, as
 * in Zhu et al., "Tools and Benchmarks for Automated Log Parsing" (a line counts when the set of lines sharing its
 * pattern id equals the set of lines sharing its true template). Two figures: by the final template (each line
 * matched again after the whole corpus was mined: what Drain's evaluations report) and by the id each line got
 * when it was first seen (what the indexed documents carry, online), followed through the links from a template's
 * earlier ids to its current one (the store keeps them and the console counts by them), and that id alone.
 */
class PatternCorpusTest {

    record Line(String group, String text) {
    }

    @Test
    void groupsTheCorpusLikeItsTrueTemplates() throws IOException {
        List<Line> corpus = corpus();
        Map<String, String> replacedBy = new HashMap<>();
        PatternMiner miner = new PatternMiner(PatternSettings.DEFAULTS, new SimpleMeterRegistry(), c -> {
            if (c.previousId() != null) {
                replacedBy.put(c.previousId(), c.match().id());
            }
        });
        List<String> online = new ArrayList<>();
        for (Line l : corpus) {
            online.add(miner.match("corpus", l.text()).id());
        }
        List<String> fin = new ArrayList<>();
        for (Line l : corpus) {
            fin.add(miner.match("corpus", l.text()).id());
        }
        double finalAccuracy = accuracy(corpus, fin);
        double onlineAccuracy = accuracy(corpus, online);
        double resolvedAccuracy = accuracy(corpus, online.stream().map(id -> latest(id, replacedBy)).toList());
        System.out.printf("pattern grouping accuracy: %.3f by final template, %.3f by the id each line got when first "
                + "seen followed through the replaced-by links (as the console counts), %.3f by that id alone "
                + "(%d lines, %d true templates, %d mined)%n", finalAccuracy, resolvedAccuracy, onlineAccuracy,
                corpus.size(),
                corpus.stream().map(Line::group).distinct().count(), new HashSet<>(fin).size());
        report(corpus, fin, texts(corpus, miner));
        assertTrue(finalAccuracy >= 0.9, "grouping accuracy by final template " + finalAccuracy);
        assertTrue(resolvedAccuracy >= 0.9, "grouping accuracy by first id, resolved " + resolvedAccuracy);
    }

    private static String latest(String id, Map<String, String> replacedBy) {
        for (String next = replacedBy.get(id); next != null; next = replacedBy.get(id)) {
            id = next;
        }
        return id;
    }

    /** Share of lines whose predicted group (lines with the same id) is exactly their true group. */
    static double accuracy(List<Line> corpus, List<String> ids) {
        Map<String, Set<Integer>> truth = new HashMap<>();
        Map<String, Set<Integer>> predicted = new HashMap<>();
        for (int i = 0; i < corpus.size(); i++) {
            truth.computeIfAbsent(corpus.get(i).group(), g -> new HashSet<>()).add(i);
            predicted.computeIfAbsent(ids.get(i), g -> new HashSet<>()).add(i);
        }
        int correct = 0;
        for (int i = 0; i < corpus.size(); i++) {
            if (truth.get(corpus.get(i).group()).equals(predicted.get(ids.get(i)))) {
                correct++;
            }
        }
        return (double) correct / corpus.size();
    }

    /** The true templates that were split or merged, with the mined templates, to read when the score drops. */
    private static Map<String, String> texts(List<Line> corpus, PatternMiner miner) {
        Map<String, String> texts = new HashMap<>();
        corpus.forEach(l -> {
            PatternMatch m = miner.match("corpus", l.text());
            texts.put(m.id(), m.template());
        });
        return texts;
    }

    private static void report(List<Line> corpus, List<String> ids, Map<String, String> texts) {
        Map<String, Set<String>> byGroup = new TreeMap<>();
        Map<String, Set<String>> groupsOfId = new HashMap<>();
        for (int i = 0; i < corpus.size(); i++) {
            byGroup.computeIfAbsent(corpus.get(i).group(), g -> new HashSet<>()).add(ids.get(i));
            groupsOfId.computeIfAbsent(ids.get(i), g -> new HashSet<>()).add(corpus.get(i).group());
        }
        byGroup.forEach((group, set) -> {
            boolean merged = set.stream().anyMatch(id -> groupsOfId.get(id).size() > 1);
            if (set.size() > 1 || merged) {
                System.out.printf("  %s: %d mined templates%s%n", group, set.size(),
                        merged ? ", shared with " + set.stream().flatMap(id -> groupsOfId.get(id).stream())
                                .filter(g -> !g.equals(group)).distinct().toList() : "");
                set.forEach(id -> System.out.println("    " + texts.get(id)));
            }
        });
    }

    static List<Line> corpus() throws IOException {
        List<Line> lines = new ArrayList<>();
        try (InputStream in = PatternCorpusTest.class.getResourceAsStream("/patterns/corpus.tsv")) {
            for (String row : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (row.isBlank() || row.startsWith("#")) {
                    continue;
                }
                int tab = row.indexOf('\t');
                lines.add(new Line(row.substring(0, tab), row.substring(tab + 1)));
            }
        }
        return lines;
    }
}
