package io.logagent.stack.elasticsearch;

import java.nio.file.Path;
import java.util.Map;

import io.logagent.stack.child.ChildMain;

import org.codelibs.elasticsearch.runner.ElasticsearchClusterRunner;

/**
 * Entry point of the Elasticsearch 7.10 child JVM that logagent-local-stack starts: one single-node cluster on the
 * given ports and directory, running until standard input closes or the JVM gets SIGTERM. The node is built by
 * codelibs' cluster runner, which creates an {@code org.elasticsearch.node.Node} directly (no bootstrap checks, no
 * security manager), so it runs on current JDKs as well as on the JDK 15 that Elasticsearch 7.10.2 shipped with.
 *
 * <p>Usage: {@code ElasticsearchMain --http-port N --transport-port N --data-dir DIR [--cluster-name NAME]}.
 * Watching standard input matters because the parent keeps that pipe open: a parent that dies without running its
 * shutdown hooks (SIGKILL, crash) still takes the node down instead of leaving it bound to the ports.
 */
public final class ElasticsearchMain {
    private ElasticsearchMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ChildMain.options(args,
                "ElasticsearchMain --http-port N --transport-port N --data-dir DIR "
                + "[--cluster-name NAME]", "--http-port", "--transport-port", "--data-dir");
        int httpPort = Integer.parseInt(options.get("--http-port"));
        int transportPort = Integer.parseInt(options.get("--transport-port"));
        Path dataDir = Path.of(options.get("--data-dir")).toAbsolutePath();
        String clusterName = options.getOrDefault("--cluster-name", "logagent");

        ElasticsearchClusterRunner runner = new ElasticsearchClusterRunner();
        // -1: use the port we pass instead of probing 9201..9299 for one (we choose free ports ourselves).
        runner.setMaxHttpPort(-1);
        runner.onBuild((number, settings) -> settings
                .put("network.host", "127.0.0.1")
                .put("http.port", httpPort)
                .put("transport.port", transportPort)
                .put("discovery.type", "single-node")
                // Small test disks are often >90 % full; the watermarks would block writes with a 429.
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                // No cluster.default_number_of_replicas here (OpenSearchMain has it): Elasticsearch 7.10 does not
                // know that setting and refuses to start. Indices created without an explicit number_of_replicas
                // stay yellow on this single node, which is still usable for reads and writes.
                .put("action.auto_create_index", true));

        runner.build(ElasticsearchClusterRunner.newConfigs()
                .basePath(dataDir.toString())
                .numOfNode(1)
                .baseHttpPort(httpPort - 1)
                .clusterName(clusterName)
                .printOnFailure());
        System.out.println("ElasticsearchMain: node started, http 127.0.0.1:" + httpPort);

        ChildMain.runUntilStopped("ElasticsearchMain", runner::close);
    }
}
