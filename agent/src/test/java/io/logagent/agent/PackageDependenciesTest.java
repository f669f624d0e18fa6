package io.logagent.agent;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent's packages depend on each other in one direction only (config → tail → ship, never back), so each can
 * be read and changed from the bottom up. Read from the sources' imports (and fully qualified names).
 */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/io/logagent/agent");
    private static final Pattern USE = Pattern.compile("io\\.logagent\\.agent\\.([a-z]+)\\.");

    @Test
    void thePackagesFormNoCycle() throws IOException {
        Map<String, Set<String>> uses = dependencies();
        assertThat(uses).containsKeys("config", "tail", "ship", "registry");
        assertThat(cycles(uses)).as("package cycles").isEmpty();
    }

    private static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path rel = SOURCES.relativize(file);
                if (rel.getNameCount() < 2) {
                    continue; // the root package (Agent) wires them all together
                }
                String pkg = rel.getName(0).toString();
                Set<String> used = uses.computeIfAbsent(pkg, p -> new TreeSet<>());
                Matcher m = USE.matcher(Files.readString(file));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        return uses;
    }

    /** Each cycle as the path that closes it, e.g. [config, tail, ship, config]. */
    private static List<List<String>> cycles(Map<String, Set<String>> uses) {
        List<List<String>> found = new ArrayList<>();
        for (String start : uses.keySet()) {
            walk(uses, start, new ArrayList<>(List.of(start)), found);
        }
        return found;
    }

    private static void walk(Map<String, Set<String>> uses, String at, List<String> path, List<List<String>> found) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            if (next.equals(path.getFirst())) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(next);
                found.add(cycle);
            } else if (!path.contains(next)) {
                path.add(next);
                walk(uses, next, path, found);
                path.removeLast();
            }
        }
    }
}
