package io.logagent.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A real single-node Elasticsearch 7.10.2 in a child JVM with a 512 MB heap, on free 127.0.0.1 ports, so code
 * written against OpenSearch is also proven against Elasticsearch. Ready when {@code GET /_cluster/health} reports
 * yellow or green. {@link #stop()} and {@link #start()} (or {@link #restart()}) keep ports and data.
 *
 * <p>It runs on the JVM that runs this one (JDK 21 and 25 both work; -D{@value ChildJvm#JAVA_PROPERTY} picks
 * another). Unlike {@link OpenSearchServer}, the node has no default of 0 replicas (Elasticsearch 7.10 lacks
 * {@code cluster.default_number_of_replicas}): an index created without {@code number_of_replicas: 0} is yellow.
 */
public final class ElasticsearchServer extends ChildProcessServer {
    private static final String MAIN_CLASS = "io.logagent.stack.elasticsearch.ElasticsearchMain";
    private static final Pattern USABLE = Pattern.compile("\"status\"\\s*:\\s*\"(yellow|green)\"");

    private final int httpPort;
    private final int transportPort;

    private ElasticsearchServer(Path dataDir, int httpPort, int transportPort) {
        super("elasticsearch", dataDir, Duration.ofSeconds(120), Duration.ofSeconds(30));
        this.httpPort = httpPort;
        this.transportPort = transportPort;
    }

    /** Starts a node on free ports under {@code dataDir} and waits until the cluster is yellow or green. */
    public static ElasticsearchServer start(Path dataDir) {
        int[] ports = FreePorts.pick(2);
        ElasticsearchServer server = new ElasticsearchServer(dataDir, ports[0], ports[1]);
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
        // The same JVM options as OpenSearchServer: both nodes log through Log4j, which must outlive the close.
        List<String> jvm = List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC", "-Djava.awt.headless=true",
                "-Dfile.encoding=UTF-8", "-Djava.io.tmpdir=" + dataDir(), "-Dlog4j.shutdownHookEnabled=false",
                "-Dlog4j2.disable.jmx=true");
        return ChildJvm.command("elasticsearch-runtime", jvm, MAIN_CLASS, List.of(
                "--http-port", String.valueOf(httpPort),
                "--transport-port", String.valueOf(transportPort),
                "--data-dir", dataDir().resolve("node").toString(),
                "--cluster-name", "logagent"));
    }

    @Override
    protected ReadinessProbe newProbe() {
        return new HttpProbe(httpUrl() + "/_cluster/health?wait_for_status=yellow&timeout=2s", Duration.ofSeconds(5),
                body -> USABLE.matcher(body).find());
    }

    @Override
    protected String address() {
        return httpUrl();
    }
}
