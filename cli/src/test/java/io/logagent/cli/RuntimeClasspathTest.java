package io.logagent.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classpath ./logagent runs with (written by the build to target/classpath.txt) is aligned: no class in two
 * jars (a second netty or jackson would be picked at random), and exactly one SLF4J 2 provider, so no log line is
 * silently lost (Kafka's POMs still ask for slf4j-api 1.7).
 */
class RuntimeClasspathTest {

    private static List<Path> jars() throws IOException {
        Path file = Path.of(System.getProperty("logagent.build.dir", "target"), "classpath.txt");
        List<Path> jars = new ArrayList<>();
        for (String entry : Files.readString(file).strip().split(java.io.File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                jars.add(Path.of(entry));
            }
        }
        assertThat(jars).as("runtime classpath of " + file).hasSizeGreaterThan(20);
        return jars;
    }

    @Test
    void noClassIsInTwoJars() throws IOException {
        Map<String, String> owner = new HashMap<>();
        Set<String> duplicates = new TreeSet<>();
        for (Path jar : jars()) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                    String name = e.getName();
                    if (!name.endsWith(".class") || name.startsWith("META-INF/") || name.endsWith("module-info.class")) {
                        continue;
                    }
                    String previous = owner.putIfAbsent(name, jar.getFileName().toString());
                    if (previous != null && !previous.equals(jar.getFileName().toString())) {
                        duplicates.add(previous + " & " + jar.getFileName());
                    }
                }
            }
        }
        assertThat(duplicates).as("jars sharing classes").isEmpty();
    }

    @Test
    void exactlyOneSlf4j2ProviderAndApi2() throws IOException {
        List<String> names = jars().stream().map(p -> p.getFileName().toString()).toList();
        assertThat(names).filteredOn(n -> n.startsWith("slf4j-api-")).singleElement()
                .satisfies(n -> assertThat(n).startsWith("slf4j-api-2."));
        assertThat(names).filteredOn(n -> n.startsWith("logback-classic-")).hasSize(1);
        assertThat(names).noneMatch(n -> n.startsWith("slf4j-simple") || n.startsWith("slf4j-reload4j")
                || n.startsWith("log4j-slf4j") || n.startsWith("slf4j-log4j12") || n.startsWith("slf4j-nop"));
    }
}
