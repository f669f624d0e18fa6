package io.logagent.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.logagent.stack.tls.CertificateAuthority;
import io.logagent.stack.tls.TlsContexts;

/**
 * A real etcd (Debian's etcd-server, 3.4) on free 127.0.0.1 ports with its own data directory: a single member
 * ({@link #start(Path)}), or one member of an {@link EtcdCluster}, optionally serving clients over TLS.
 * Ready when {@code GET /health} answers {@code "health":"true"} (typically well under a second; a cluster member
 * only once a quorum has elected a leader).
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

    private final Member member;
    private final List<Member> cluster;
    private final Tls tls;

    /** One member's name and loopback ports. */
    public record Member(String name, int clientPort, int peerPort) {
        String peerUrl() {
            return "http://127.0.0.1:" + peerPort;
        }
    }

    /**
     * TLS of the client port: the server's certificate (its chain and key as PEM), and with
     * {@code clientCertAuth} every client must show a certificate signed by {@code ca}
     * ({@code --client-cert-auth --trusted-ca-file}). {@code probe} is the client identity the readiness probe and
     * etcdctl use. Peers stay plaintext: they talk over loopback only.
     */
    public record Tls(CertificateAuthority ca, CertificateAuthority.Identity server,
                      CertificateAuthority.Identity probe, boolean clientCertAuth) {
    }

    private EtcdServer(Path dataDir, Member member, List<Member> cluster, Tls tls) {
        super(cluster.size() == 1 ? "etcd" : "etcd-" + member.name(), dataDir, Duration.ofSeconds(30), Duration.ofSeconds(10));
        this.member = member;
        this.cluster = List.copyOf(cluster);
        this.tls = tls;
    }

    /** Starts a single plaintext etcd on free ports under {@code dataDir} and waits until it is healthy. */
    public static EtcdServer start(Path dataDir) {
        int[] ports = FreePorts.pick(2);
        Member self = new Member(MEMBER, ports[0], ports[1]);
        EtcdServer server = new EtcdServer(dataDir, self, List.of(self), null);
        server.start();
        return server;
    }

    /** Starts a single etcd serving clients over TLS, e.g. with a broken certificate for error tests. */
    public static EtcdServer start(Path dataDir, Tls tls) {
        int[] ports = FreePorts.pick(2);
        Member self = new Member(MEMBER, ports[0], ports[1]);
        EtcdServer server = new EtcdServer(dataDir, self, List.of(self), tls);
        server.start();
        return server;
    }

    /**
     * A member of {@code cluster}, not started: a lone member of a cluster is not healthy until a quorum runs, so
     * {@link EtcdCluster} starts them together.
     *
     * @param tls null for plaintext
     */
    static EtcdServer member(Path dataDir, Member self, List<Member> cluster, Tls tls) {
        return new EtcdServer(dataDir, self, cluster, tls);
    }

    /** {@code http://127.0.0.1:PORT} (or {@code https://}), the form jetcd and the ini files expect. */
    public String endpoint() {
        return (tls == null ? "http" : "https") + "://127.0.0.1:" + member.clientPort();
    }

    public int clientPort() {
        return member.clientPort();
    }

    /** The member name in the cluster ({@code --name}). */
    public String memberName() {
        return member.name();
    }

    /** Null when plaintext. */
    public Tls tls() {
        return tls;
    }

    @Override
    protected List<String> command() {
        boolean single = cluster.size() == 1;
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", WRAPPER, "etcd-wrapper"));
        command.addAll(List.of(EtcdBinary.locate(dataDir()).toString(),
                "--name", member.name(),
                "--data-dir", dataDir().resolve("data").toString(),
                "--listen-client-urls", endpoint(),
                "--advertise-client-urls", endpoint(),
                "--listen-peer-urls", member.peerUrl(),
                "--initial-advertise-peer-urls", member.peerUrl(),
                "--initial-cluster", String.join(",", cluster.stream().map(m -> m.name() + "=" + m.peerUrl()).toList()),
                // Ignored once the data directory exists, so a restart after kill() rejoins with its data.
                "--initial-cluster-state", "new",
                "--initial-cluster-token", "logagent-" + cluster.getFirst().peerPort(),
                // A lone member still waits one election timeout before it leads; the default 1 s would be
                // most of a restart. A cluster keeps etcd's defaults: on a loaded 2-core box shorter timeouts
                // make elections flap.
                "--heartbeat-interval", single ? "50" : "100",
                "--election-timeout", single ? "300" : "1000",
                "--logger", "zap",
                "--log-outputs", "stderr"));
        if (tls != null) {
            command.addAll(List.of("--cert-file", tls.server().certChainPem().toString(),
                    "--key-file", tls.server().keyPem().toString()));
            if (tls.clientCertAuth()) {
                command.addAll(List.of("--client-cert-auth", "--trusted-ca-file", tls.ca().certPem().toString()));
            }
        }
        return command;
    }

    @Override
    protected ReadinessProbe newProbe() {
        return new HttpProbe(endpoint() + "/health", Duration.ofSeconds(2),
                body -> body.replace(" ", "").contains("\"health\":\"true\""),
                // Not the CA's trust: tests start members with wrong-host or expired certificates on purpose.
                tls == null ? null : TlsContexts.probe(tls.clientCertAuth() ? tls.probe() : null));
    }

    @Override
    protected String address() {
        return endpoint();
    }
}
