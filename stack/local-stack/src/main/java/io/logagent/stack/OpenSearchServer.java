package io.logagent.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A real single-node OpenSearch 3.8 in a child JVM with a 512 MB heap, on free 127.0.0.1 ports. Ready when
 * {@code GET /_cluster/health} reports yellow or green. {@link #stop()} and {@link #start()} (or
 * {@link #restart()}) keep ports and data. Needs a JVM of version 21 or newer (OpenSearch 3 is compiled for 21).
 */
public final class OpenSearchServer extends ChildProcessServer {
    private static final String MAIN_CLASS = "io.logagent.stack.opensearch.OpenSearchMain";
    private static final Pattern USABLE = Pattern.compile("\"status\"\\s*:\\s*\"(yellow|green)\"");

    private final int httpPort;
    private final int transportPort;

    private OpenSearchServer(Path dataDir, int httpPort, int transportPort) {
        super("opensearch", dataDir, Duration.ofSeconds(120), Duration.ofSeconds(30));
        this.httpPort = httpPort;
        this.transportPort = transportPort;
    }

    /** Starts a node on free ports under {@code dataDir} and waits until the cluster is yellow or green. */
    public static OpenSearchServer start(Path dataDir) {
        int[] ports = FreePorts.pick(2);
        OpenSearchServer server = new OpenSearchServer(dataDir, ports[0], ports[1]);
        server.start();
        return server;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    @Override
    protected List<String> command() {
        if (Runtime.version().feature() < 21 && System.getProperty(ChildJvm.JAVA_PROPERTY) == null) {
            throw new IllegalStateException("OpenSearch 3 needs Java 21+, this JVM is " + Runtime.version()
                    + "; run on a newer JDK or pass -D" + ChildJvm.JAVA_PROPERTY + "=/path/to/jdk21+/bin/java");
        }
        // As in OpenSearch's own jvm.options: Log4j must not stop before the node has logged its close.
        List<String> jvm = List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC", "-Djava.awt.headless=true",
                "-Dfile.encoding=UTF-8", "-Djava.io.tmpdir=" + dataDir(), "-Dlog4j.shutdownHookEnabled=false",
                "-Dlog4j2.disable.jmx=true");
        return ChildJvm.command("opensearch-runtime", jvm, MAIN_CLASS, List.of(
                "--http-port", String.valueOf(httpPort),
                "--transport-port", String.valueOf(transportPort),
                "--data-dir", dataDir().resolve("node").toString(),
                "--cluster-name", "logagent"));
    }

    @Override
    protected ReadinessProbe newProbe() {
        // wait_for_status makes the server hold the answer until yellow, saving a few polls.
        return new HttpProbe(httpUrl() + "/_cluster/health?wait_for_status=yellow&timeout=2s", Duration.ofSeconds(5),
                body -> USABLE.matcher(body).find());
    }

    @Override
    protected String address() {
        return httpUrl();
    }
}
