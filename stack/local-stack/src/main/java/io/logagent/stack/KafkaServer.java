package io.logagent.stack;

import java.io.IOException;
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
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka 4.4 broker+controller (KRaft, one node) in a child JVM with a 256 MB heap, on free 127.0.0.1 ports.
 * Ready when an AdminClient metadata call (describeCluster) returns the broker, i.e. the broker is registered and
 * unfenced and a produce will be accepted. Storage is formatted on first start only; {@link #stop()} and
 * {@link #start()} (or {@link #restart()}) keep ports, cluster id and data.
 */
public final class KafkaServer extends ChildProcessServer {
    private static final String MAIN_CLASS = "io.logagent.stack.kafka.KafkaMain";
    private static final String LOG4J_CONFIG = "classpath:io/logagent/stack/kafka-log4j2.xml";

    private final int brokerPort;
    private final int controllerPort;
    private final String clusterId = Uuid.randomUuid().toString();
    private final Map<String, String> brokerOverrides;

    private KafkaServer(Path dataDir, int brokerPort, int controllerPort, Map<String, String> brokerOverrides) {
        // The stop timeout covers a controlled shutdown, which takes about a second on one node.
        super("kafka", dataDir, Duration.ofSeconds(90), Duration.ofSeconds(30));
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.brokerOverrides = Map.copyOf(brokerOverrides);
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
        int[] ports = FreePorts.pick(2);
        KafkaServer server = new KafkaServer(dataDir, ports[0], ports[1], brokerOverrides);
        server.start();
        return server;
    }

    /** {@code 127.0.0.1:PORT} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    public int port() {
        return brokerPort;
    }

    @Override
    protected List<String> command() throws IOException {
        Path properties = dataDir().resolve("server.properties");
        writeServerProperties(properties);
        // Log4j's own shutdown hook would stop logging before Kafka's hook logs its controlled shutdown.
        List<String> jvm = List.of("-Xms256m", "-Xmx256m", "-XX:+UseG1GC", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + LOG4J_CONFIG, "-Dlog4j.shutdownHookEnabled=false",
                "-Dkafka.logs.dir=" + dataDir());
        return ChildJvm.command("kafka-runtime", jvm, MAIN_CLASS, List.of(properties.toString(), clusterId));
    }

    private void writeServerProperties(Path file) throws IOException {
        Properties p = new Properties();
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT"),
                Map.entry("log.dirs", dataDir().resolve("kraft").toString()),
                Map.entry("auto.create.topics.enable", "true"),
                Map.entry("num.partitions", "1"),
                // One node: every internal topic must accept replication factor 1, or groups/transactions hang.
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                // Tests create consumer groups all the time; the default 3 s delay would slow each one down.
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // The default 128 MiB dedupe buffer does not fit the 256 MB heap comfortably.
                Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024))));
        p.putAll(brokerOverrides);
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
                    socket.connect(new InetSocketAddress("127.0.0.1", brokerPort), 500);
                }
                admin = Admin.create(Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                        AdminClientConfig.CLIENT_ID_CONFIG, "logagent-local-stack-readiness",
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000,
                        AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200));
            }
            Collection<Node> nodes = admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
            return !nodes.isEmpty();
        }

        @Override
        public void close() {
            if (admin != null) {
                admin.close(Duration.ofSeconds(2));
            }
        }
    }
}
