package io.logagent.stack.opensearch;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.logagent.stack.child.ChildMain;

import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * Entry point of the OpenSearch child JVM that logagent-local-stack starts: one node on the given ports and
 * directory, running until standard input closes or the JVM gets SIGTERM. Without {@code --seed-hosts} it is a
 * single-node cluster (indices default to 0 replicas); with them it is one node of a cluster (1 replica), which
 * finds the others at the seed transport addresses and, on its very first start, elects a cluster manager among
 * {@code --initial-cluster-managers} (node names).
 *
 * <p>Usage: {@code OpenSearchMain --http-port N --transport-port N --data-dir DIR [--cluster-name NAME]
 * [--node-name NAME --seed-hosts HOST:PORT,.. --initial-cluster-managers NAME,.. --roles cluster_manager,data]}.
 * Watching standard input matters because the parent keeps that pipe open: a parent that dies without running its
 * shutdown hooks (SIGKILL, crash) still takes the node down instead of leaving it bound to the ports.
 */
public final class OpenSearchMain {
    private OpenSearchMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ChildMain.options(args,
                "OpenSearchMain --http-port N --transport-port N --data-dir DIR "
                + "[--cluster-name NAME] [--node-name NAME --seed-hosts H:P,.. --initial-cluster-managers N,.. "
                + "--roles R,..]", "--http-port", "--transport-port", "--data-dir");
        int httpPort = Integer.parseInt(options.get("--http-port"));
        int transportPort = Integer.parseInt(options.get("--transport-port"));
        Path dataDir = Path.of(options.get("--data-dir")).toAbsolutePath();
        String clusterName = options.getOrDefault("--cluster-name", "logagent");
        String nodeName = options.getOrDefault("--node-name", "Node 1");
        List<String> seedHosts = list(options.get("--seed-hosts"));
        List<String> initialManagers = list(options.get("--initial-cluster-managers"));
        List<String> roles = list(options.getOrDefault("--roles", "cluster_manager,data"));
        boolean clustered = !seedHosts.isEmpty();

        OpenSearchRunner runner = new OpenSearchRunner();
        // -1: use the port we pass instead of probing 9201..9299 for one (we choose free ports ourselves).
        runner.setMaxHttpPort(-1);
        runner.onBuild((number, settings) -> {
            settings.put("network.host", "127.0.0.1")
                    .put("http.port", httpPort)
                    .put("transport.port", transportPort)
                    .put("node.name", nodeName)
                    .putList("node.roles", roles)
                    // Small test disks are often >90 % full; the watermarks would block writes with a 429.
                    .put("cluster.routing.allocation.disk.threshold_enabled", false)
                    .put("action.auto_create_index", true);
            if (clustered) {
                // "zen" is the default discovery; it must be explicit here because the runner, told of one node,
                // would otherwise add discovery.type=single-node. The initial managers only count on the very
                // first start (bootstrapping); a restarted node rejoins from the state in its data directory.
                settings.put("discovery.type", "zen")
                        .putList("discovery.seed_hosts", seedHosts)
                        .putList("cluster.initial_cluster_manager_nodes", initialManagers)
                        .put("cluster.default_number_of_replicas", 1);
            } else {
                // One node cannot host replicas: with the default of 1 every index would stay yellow forever.
                settings.put("discovery.type", "single-node")
                        .put("cluster.default_number_of_replicas", 0);
            }
        });

        runner.build(OpenSearchRunner.newConfigs()
                .basePath(dataDir.toString())
                .numOfNode(1)
                .baseHttpPort(httpPort - 1)
                .clusterName(clusterName)
                .printOnFailure());
        System.out.println("OpenSearchMain: node " + nodeName + " started, http 127.0.0.1:" + httpPort
                + (clustered ? ", seeds " + seedHosts : ", single-node"));

        ChildMain.runUntilStopped("OpenSearchMain", runner::close);
    }

    private static List<String> list(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
