package io.logagent.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A real single-node search engine (OpenSearch or Elasticsearch) in a child JVM with a 512 MB heap, on free
 * 127.0.0.1 ports. Ready when {@code GET /_cluster/health} reports yellow or green. {@link #stop()} and
 * {@link #start()} (or {@link #restart()}) keep ports and data. The subclasses name the runtime and its main class.
 */
public abstract class SearchNodeServer extends ChildProcessServer {
    private static final Pattern USABLE = Pattern.compile("\"status\"\\s*:\\s*\"(yellow|green)\"");

    private final String runtime;
    private final String mainClass;
    private final int httpPort;
    private final int transportPort;

    SearchNodeServer(String name, String runtime, String mainClass, Path dataDir, int[] ports) {
        super(name, dataDir, Duration.ofSeconds(120), Duration.ofSeconds(30));
        this.runtime = runtime;
        this.mainClass = mainClass;
        this.httpPort = ports[0];
        this.transportPort = ports[1];
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    /** The port nodes of one cluster talk to each other on. */
    public int transportPort() {
        return transportPort;
    }

    /** Arguments the runtime's main takes beyond ports, data and cluster name (e.g. a cluster node's discovery). */
    protected List<String> extraArguments() {
        return List.of();
    }

    @Override
    protected List<String> command() {
        // As in the engines' own jvm.options: Log4j must not stop before the node has logged its close.
        List<String> jvm = List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC", "-Djava.awt.headless=true",
                "-Dfile.encoding=UTF-8", "-Djava.io.tmpdir=" + dataDir(), "-Dlog4j.shutdownHookEnabled=false",
                "-Dlog4j2.disable.jmx=true");
        List<String> args = new java.util.ArrayList<>(List.of(
                "--http-port", String.valueOf(httpPort),
                "--transport-port", String.valueOf(transportPort),
                "--data-dir", dataDir().resolve("node").toString(),
                "--cluster-name", "logagent"));
        args.addAll(extraArguments());
        return ChildJvm.command(runtime, jvm, mainClass, args);
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
