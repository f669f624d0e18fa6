package io.logagent.stack.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
    private static final int CLOSE_TIMEOUT_SECONDS = 25;

    private ElasticsearchMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        int httpPort = Integer.parseInt(require(options, "--http-port"));
        int transportPort = Integer.parseInt(require(options, "--transport-port"));
        Path dataDir = Path.of(require(options, "--data-dir")).toAbsolutePath();
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

        // SIGTERM (shutdown hook) and stdin EOF (main thread) usually arrive together, since Process.destroy()
        // also closes the pipe: the first caller closes the node, the other waits for it, so the JVM never halts
        // halfway through a close.
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean closing = new AtomicBoolean();
        Runnable close = () -> {
            if (!closing.compareAndSet(false, true)) {
                awaitQuietly(stopped);
                return;
            }
            try {
                runner.close();
            } catch (IOException e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(close, "elasticsearch-main-shutdown"));

        runner.build(ElasticsearchClusterRunner.newConfigs()
                .basePath(dataDir.toString())
                .numOfNode(1)
                .baseHttpPort(httpPort - 1)
                .clusterName(clusterName)
                .printOnFailure());
        System.out.println("ElasticsearchMain: node started, http 127.0.0.1:" + httpPort);

        awaitStdinEof();
        System.out.println("ElasticsearchMain: standard input closed, shutting down");
        close.run();
        System.exit(0);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            // Bounded: a node that cannot close in time must not keep the JVM alive; the parent kills it anyway.
            latch.await(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitStdinEof() {
        try (InputStream in = System.in) {
            byte[] buffer = new byte[256];
            while (in.read(buffer) >= 0) {
                // The parent never writes; anything read is ignored.
            }
        } catch (IOException e) {
            // A broken pipe means the same as end-of-file: the parent is gone.
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            System.err.println("missing " + name + "; usage: ElasticsearchMain --http-port N --transport-port N "
                    + "--data-dir DIR [--cluster-name NAME]");
            System.exit(2);
        }
        return value;
    }
}
