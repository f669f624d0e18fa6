package io.logagent.packaging;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime image's module list (packaging/runtime-modules, fixed so a package build needs no jdeps pass) covers
 * every JDK module the shipped jars use, as jdeps sees them: a dependency that starts using, say, java.sql fails
 * here rather than on a host with a NoClassDefFoundError.
 */
class RuntimeModulesTest {

    @Test
    void theFixedModuleListCoversWhatJdepsFindsInTheShippedJars() throws Exception {
        Path lib = PackageIT.TARGET.resolve("lib");
        List<String> jars;
        try (Stream<Path> s = Files.list(lib)) {
            jars = s.map(Path::toString).filter(p -> p.endsWith(".jar")).sorted().toList();
        }
        assertThat(jars).as("jars copied by the dependency plugin").hasSizeGreaterThan(20);
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        String[] args = Stream.concat(Stream.of("--ignore-missing-deps", "--multi-release", "21",
                "--print-module-deps", "--class-path", String.join(":", jars)), jars.stream()).toArray(String[]::new);
        int code = jdeps.run(new PrintWriter(out), new PrintWriter(out), args);
        assertThat(code).as(out.toString()).isZero();
        String last = out.toString().lines().filter(l -> l.startsWith("java.")).reduce((a, b) -> b).orElseThrow();
        List<String> needed = Arrays.asList(last.strip().split(","));
        List<String> listed = Files.readAllLines(PackageIT.PACKAGING.resolve("runtime-modules")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(needed).contains("java.base");
        assertThat(listed).as("packaging/runtime-modules").containsAll(needed);
    }
}
