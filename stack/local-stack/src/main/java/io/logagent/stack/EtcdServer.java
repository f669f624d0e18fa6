package io.logagent.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real single-member etcd (Debian's etcd-server, 3.4) on free 127.0.0.1 ports with its own data directory.
 * Ready when {@code GET /health} answers {@code "health":"true"} (typically well under a second).
 */
public final class EtcdServer extends ChildProcessServer {
    private static final String MEMBER = "logagent";
    /**
     * Runs etcd under a small sh that also watches stdin: the parent never closes that pipe itself, so EOF means
     * the parent JVM died without its shutdown hooks (SIGKILL); etcd, unlike our JVM children, ignores stdin.
     * SIGTERM to the sh is forwarded to etcd for a clean stop.
     */
    private static final String WRAPPER = """
            exec 3<&0
            "$@" </dev/null 3<&- &
            pid=$!
            trap 'kill -TERM "$pid" 2>/dev/null' TERM INT
            ( cat <&3 >/dev/null; kill -TERM "$pid" 2>/dev/null ) &
            wait "$pid"; status=$?
            if kill -0 "$pid" 2>/dev/null; then wait "$pid"; status=$?; fi
            exit "$status"
            """;

    private final int clientPort;
    private final int peerPort;

    private EtcdServer(Path dataDir, int clientPort, int peerPort) {
        super("etcd", dataDir, Duration.ofSeconds(30), Duration.ofSeconds(10));
        this.clientPort = clientPort;
        this.peerPort = peerPort;
    }

    /** Starts etcd on free ports under {@code dataDir} and waits until it is healthy. */
    public static EtcdServer start(Path dataDir) {
        int[] ports = FreePorts.pick(2);
        EtcdServer server = new EtcdServer(dataDir, ports[0], ports[1]);
        server.start();
        return server;
    }

    /** {@code http://127.0.0.1:PORT}, the form jetcd and the ini files expect. */
    public String endpoint() {
        return "http://127.0.0.1:" + clientPort;
    }

    public int clientPort() {
        return clientPort;
    }

    @Override
    protected List<String> command() {
        String peerUrl = "http://127.0.0.1:" + peerPort;
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", WRAPPER, "etcd-wrapper"));
        command.addAll(List.of(EtcdBinary.locate(dataDir()).toString(),
                "--name", MEMBER,
                "--data-dir", dataDir().resolve("data").toString(),
                "--listen-client-urls", endpoint(),
                "--advertise-client-urls", endpoint(),
                "--listen-peer-urls", peerUrl,
                "--initial-advertise-peer-urls", peerUrl,
                "--initial-cluster", MEMBER + "=" + peerUrl,
                "--initial-cluster-state", "new",
                // A lone member still waits one election timeout before it leads; the default 1 s would be
                // most of a restart. There are no peers whose heartbeats could be late.
                "--heartbeat-interval", "50",
                "--election-timeout", "300",
                "--logger", "zap",
                "--log-outputs", "stderr"));
        return command;
    }

    @Override
    protected ReadinessProbe newProbe() {
        return new HttpProbe(endpoint() + "/health", Duration.ofSeconds(2),
                body -> body.replace(" ", "").contains("\"health\":\"true\""));
    }

    @Override
    protected String address() {
        return endpoint();
    }
}
