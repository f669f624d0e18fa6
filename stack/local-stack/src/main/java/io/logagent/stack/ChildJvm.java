package io.logagent.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines for child JVMs whose classpath comes from a runtime module (logagent-kafka-runtime,
 * logagent-opensearch-runtime).
 *
 * <p>Each runtime module's jar carries {@code io/logagent/stack/<name>.classpath}: its resolved dependency jars
 * (absolute paths, written by maven-dependency-plugin at build time). The module's own jar holds the child's main
 * class and config, and it is on our classpath (without its dependencies), so its location is found from the URL
 * of that resource: a jar in ~/.m2, or target/classes inside a reactor build.
 */
final class ChildJvm {
    /** Overrides the java launcher of the children; by default the one running this JVM. */
    static final String JAVA_PROPERTY = "logagent.stack.java";

    private ChildJvm() {
    }

    static String javaExecutable() {
        String override = System.getProperty(JAVA_PROPERTY);
        if (override != null && !override.isBlank()) {
            return override;
        }
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code java <jvmOptions> -cp <classpath of runtime> <mainClass> <args>}. */
    static List<String> command(String runtime, List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath(runtime));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /** The runtime module's own jar (or classes directory) followed by its dependencies. */
    static String classpath(String runtime) {
        String resource = "io/logagent/stack/" + runtime + ".classpath";
        URL url = ChildJvm.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException(resource + " is not on the classpath: add a dependency on io.logagent:logagent-"
                    + runtime + " (and build it: mvn install -pl stack/" + runtime + ")");
        }
        List<String> entries = new ArrayList<>();
        entries.add(ownLocation(url, resource).toString());
        try (InputStream in = url.openStream()) {
            for (String entry : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    entries.add(entry.trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
        List<String> missing = entries.stream().filter(entry -> !Files.exists(Path.of(entry))).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the " + runtime + " classpath (" + url + ") names files that do not exist, "
                    + "was it built on another machine or was ~/.m2 cleaned? Rebuild with: mvn install -pl stack/"
                    + runtime + "; missing: " + missing);
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static Path ownLocation(URL url, String resource) {
        String text = url.toString();
        try {
            if (text.startsWith("jar:")) {
                // jar:file:/…/logagent-kafka-runtime-0.1.0-SNAPSHOT.jar!/io/logagent/stack/kafka-runtime.classpath
                return Path.of(URI.create(text.substring(4, text.indexOf("!/"))));
            }
            if (text.startsWith("file:")) {
                Path file = Path.of(url.toURI());
                return file.getRoot().resolve(file.subpath(0, file.getNameCount() - Path.of(resource).getNameCount()));
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot locate the jar of " + url, e);
        }
        throw new IllegalStateException("cannot run a child JVM from " + url + ": only jar: and file: URLs are supported");
    }
}
