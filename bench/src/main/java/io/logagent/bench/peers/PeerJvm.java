package io.logagent.bench.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code java} command lines for peers that run in a JVM of their own, on a classpath bin/bench resolved. */
final class PeerJvm {
    private PeerJvm() {
    }

    static List<String> command(Path classpathFile, List<String> jvmOptions, String mainClass, List<String> args)
            throws IOException {
        if (!Files.exists(classpathFile)) {
            throw new IllegalStateException(classpathFile + " is missing: bin/bench resolves it from bench/peers/ "
                    + "(run the benchmarks through bin/bench)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(Files.readString(classpathFile).strip());
        command.add(mainClass);
        command.addAll(args);
        return command;
    }
}
