package io.logagent.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka 4.4 broker+controller (KRaft) in a child JVM, on free 127.0.0.1 ports: by default one node with a
 * 256 MB heap; configured by a {@link KafkaNode} it is one node of a {@link KafkaCluster}, optionally with a
 * SASL_SSL listener and ACLs. Ready when an AdminClient metadata call (describeCluster) lists this node, i.e. the
 * broker is registered and unfenced and a produce will be accepted. Storage is formatted on first start only;
 * {@link #stop()}, {@link #kill()} and {@link #start()} (or {@link #restart()}) keep ports, cluster id and data.
 */
public final class KafkaServer extends ChildProcessServer {
    private static final String MAIN_CLASS = "io.logagent.stack.kafka.KafkaMain";
    private static final String LOG4J_CONFIG = "classpath:io/logagent/stack/kafka-log4j2.xml";
    private static final int SINGLE_NODE_HEAP_MB = 256;

    private final KafkaNode node;

    private KafkaServer(Path dataDir, KafkaNode node) {
        // The stop timeout covers a controlled shutdown, which takes about a second on one node.
        // A cluster node is ready only once the quorum formed and it caught up: three JVMs booting side by side on
        // a loaded 2-core machine have taken over 90 s.
        super(node.voters().contains(",") ? "kafka-" + node.nodeId() : "kafka", dataDir,
                Duration.ofSeconds(node.voters().contains(",") ? 240 : 90), Duration.ofSeconds(30));
        this.node = node;
    }

    /** Starts a broker on free ports under {@code dataDir} and waits until it answers metadata requests. */
    public static KafkaServer start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /**
     * Like {@link #start(Path)} with broker properties that win over the defaults, for tests of a broker configured
     * otherwise (e.g. {@code auto.create.topics.enable=false}, a smaller {@code message.max.bytes}). Such a broker is
     * the caller's to close; it is not the shared one {@link io.logagent.stack.junit.RealServers} hands out.
     */
    public static KafkaServer start(Path dataDir, Map<String, String> brokerOverrides) {
        KafkaNode fresh = singleNode(Optional.empty(), brokerOverrides);
        // Storage formatted by an earlier process (the demo's --keep-data) keeps its cluster id: a new one would be
        // refused ("Invalid cluster.id"). The ports are new; a single node's static quorum takes them.
        KafkaNode node = formattedClusterId(dataDir).map(id -> new KafkaNode(fresh.nodeId(), fresh.brokerPort(),
                fresh.controllerPort(), fresh.voters(), id, fresh.heapMb(), fresh.security(), fresh.overrides()))
                .orElse(fresh);
        KafkaServer server = create(dataDir, node);
        server.start();
        return server;
    }

    /** The cluster id of storage already formatted under {@code dataDir}, if any. */
    static Optional<String> formattedClusterId(Path dataDir) {
        Path meta = dataDir.resolve("kraft").resolve("meta.properties");
        if (!Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(meta)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + meta, e);
        }
        return Optional.ofNullable(p.getProperty("cluster.id"));
    }

    /** A one-node quorum on free ports, optionally secured. */
    public static KafkaNode singleNode(Optional<KafkaNode.Security> security, Map<String, String> overrides) {
        int[] ports = FreePorts.pick(2);
        return new KafkaNode(1, ports[0], ports[1], "1@127.0.0.1:" + ports[1], Uuid.randomUuid().toString(),
                SINGLE_NODE_HEAP_MB, security, overrides);
    }

    /** A server for {@code node}, not started yet (the nodes of a cluster must start together). */
    public static KafkaServer create(Path dataDir, KafkaNode node) {
        return new KafkaServer(dataDir, node);
    }

    /** {@code 127.0.0.1:PORT} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + node.brokerPort();
    }

    public int port() {
        return node.brokerPort();
    }

    public int nodeId() {
        return node.nodeId();
    }

    public KafkaNode config() {
        return node;
    }

    @Override
    protected List<String> command() throws IOException {
        Path properties = dataDir().resolve("server.properties");
        writeServerProperties(properties);
        // Log4j's own shutdown hook would stop logging before Kafka's hook logs its controlled shutdown.
        List<String> jvm = new java.util.ArrayList<>(List.of("-Xms" + node.heapMb() + "m", "-Xmx" + node.heapMb() + "m",
                "-XX:+UseG1GC", "-Djava.awt.headless=true", "-Dlog4j2.configurationFile=" + LOG4J_CONFIG,
                "-Dlog4j.shutdownHookEnabled=false", "-Dkafka.logs.dir=" + dataDir()));
        if (node.voters().contains(",")) {
            // Several brokers share the cores: C1 only compiles far less at start, which is what a test cluster
            // spends its CPU on (peak throughput is not what these tests measure).
            jvm.add("-XX:TieredStopAtLevel=1");
        }
        List<String> args = new java.util.ArrayList<>(List.of(properties.toString(), node.clusterId()));
        args.addAll(node.formatArguments());
        return ChildJvm.command("kafka-runtime", jvm, MAIN_CLASS, args);
    }

    private void writeServerProperties(Path file) throws IOException {
        Properties p = new Properties();
        p.putAll(node.properties(dataDir()));
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, "written by logagent-local-stack KafkaServer; rewritten on every start");
        }
    }

    @Override
    protected ReadinessProbe newProbe() {
        return new AdminProbe();
    }

    @Override
    protected String address() {
        return bootstrapServers();
    }

    /** Plain TCP first, so the AdminClient is only created (and only logs) once the broker port is open. */
    private final class AdminProbe implements ReadinessProbe {
        private Admin admin;

        @Override
        public boolean ready() throws Exception {
            if (admin == null) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", node.brokerPort()), 500);
                }
                Map<String, Object> p = new HashMap<>(node.superUserClientProperties());
                p.putAll(Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                        AdminClientConfig.CLIENT_ID_CONFIG, "logagent-local-stack-readiness",
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000,
                        AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200));
                admin = Admin.create(p);
            }
            Collection<Node> nodes = admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
            return nodes.stream().anyMatch(n -> n.id() == node.nodeId());
        }

        @Override
        public void close() {
            if (admin != null) {
                admin.close(Duration.ofSeconds(2));
            }
        }
    }
}
