package io.logagent.bench;

import io.logagent.bench.cluster.Servers;
import io.logagent.bench.proc.Children;

import java.nio.file.Path;

/**
 * What every benchmark gets: the project's home (where ./logagent is), a scratch directory of its own, the shared
 * servers, the child-process registry, and the scale ({@code quick} = a smoke run with sizes divided by about 10).
 */
public record BenchContext(Path home, Path workDir, Servers servers, Children children, boolean quick) {

    /** {@code full} normally, {@code small} with --quick. */
    public int size(int full, int small) {
        return quick ? small : full;
    }

    public Path dir(String benchmark) {
        return workDir.resolve(benchmark);
    }

    public Path launcher() {
        return home.resolve("logagent");
    }

    /** Where the peers' classpaths are, resolved by bin/bench from bench/peers/NAME/pom.xml. */
    public Path peerClasspath(String peer) {
        return home.resolve("bench/target/peers/" + peer + ".classpath");
    }
}
