package io.logagent.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A real OpenSearch 3.8 node (see {@link SearchNodeServer}). Needs a JVM of version 21 or newer (OpenSearch 3 is
 * compiled for 21). Started by {@link #start(Path)} it is a single-node cluster whose indices default to 0
 * replicas, so they are green on one node; as a member of an {@link OpenSearchCluster} it is the same class with
 * a {@link Membership}: discovery through seed hosts instead of {@code discovery.type=single-node}, 1 replica.
 */
public final class OpenSearchServer extends SearchNodeServer {

    /**
     * How a node joins a cluster.
     *
     * @param nodeName                unique in the cluster
     * @param seedHosts               {@code 127.0.0.1:transportPort} of the other nodes
     * @param initialClusterManagers  node names that may elect the first cluster manager (first start only)
     * @param roles                   e.g. {@code cluster_manager, data}, or only {@code data}
     */
    public record Membership(String nodeName, List<String> seedHosts, List<String> initialClusterManagers,
                             List<String> roles) {
        public Membership {
            seedHosts = List.copyOf(seedHosts);
            initialClusterManagers = List.copyOf(initialClusterManagers);
            roles = List.copyOf(roles);
        }
    }

    private final Optional<Membership> membership;

    private OpenSearchServer(String name, Path dataDir, int[] ports, Optional<Membership> membership) {
        super(name, "opensearch-runtime", "io.logagent.stack.opensearch.OpenSearchMain", dataDir, ports);
        this.membership = membership;
    }

    /** Starts a single-node cluster on free ports under {@code dataDir} and waits until it is yellow or green. */
    public static OpenSearchServer start(Path dataDir) {
        OpenSearchServer server = new OpenSearchServer("opensearch", dataDir, FreePorts.pick(2), Optional.empty());
        server.start();
        return server;
    }

    /** A node of a cluster on the given {@code [http, transport]} ports; not started. */
    static OpenSearchServer clusterNode(Path dataDir, int[] ports, Membership membership) {
        return new OpenSearchServer("opensearch-" + membership.nodeName(), dataDir, ports, Optional.of(membership));
    }

    /** The node's name in its cluster ({@code Node 1} for a single node, the runner's default). */
    public String nodeName() {
        return membership.map(Membership::nodeName).orElse("Node 1");
    }

    @Override
    protected List<String> extraArguments() {
        if (membership.isEmpty()) {
            return List.of();
        }
        Membership m = membership.get();
        List<String> args = new ArrayList<>();
        args.addAll(List.of("--node-name", m.nodeName()));
        args.addAll(List.of("--seed-hosts", String.join(",", m.seedHosts())));
        args.addAll(List.of("--initial-cluster-managers", String.join(",", m.initialClusterManagers())));
        args.addAll(List.of("--roles", String.join(",", m.roles())));
        return args;
    }

    @Override
    protected List<String> command() {
        if (Runtime.version().feature() < 21 && System.getProperty(ChildJvm.JAVA_PROPERTY) == null) {
            throw new IllegalStateException("OpenSearch 3 needs Java 21+, this JVM is " + Runtime.version()
                    + "; run on a newer JDK or pass -D" + ChildJvm.JAVA_PROPERTY + "=/path/to/jdk21+/bin/java");
        }
        return super.command();
    }
}
