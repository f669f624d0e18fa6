package io.logagent.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real OpenSearch nodes on free loopback ports forming one cluster; each node is an {@link OpenSearchServer} with
 * its own data directory and a 512 MB heap, and can be stopped, killed ({@link ChildProcessServer#kill()}) and
 * started again on its ports and data. Indices get 1 replica by default.
 *
 * <p>Roles: with 3 or more nodes every node may be cluster manager. With 2, only node 1 is (node 2 holds data
 * only), because with two eligible nodes OpenSearch keeps just one of them in the voting configuration anyway: losing
 * that one would stop the cluster whichever we called which. This way it is explicit that node 2 is the one a test
 * may kill while the cluster stays available (yellow).
 *
 * <p>Not thread-safe: one test drives it.
 */
public final class OpenSearchCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpenSearchCluster.class);
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");
    private static final Pattern NODES = Pattern.compile("\"number_of_nodes\"\\s*:\\s*(\\d+)");

    private final List<OpenSearchServer> nodes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private OpenSearchCluster(List<OpenSearchServer> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /** Starts {@code size} (≥ 2) nodes under {@code dir}/node-N and returns once all have joined one cluster. */
    public static OpenSearchCluster start(Path dir, int size) {
        if (size < 2) {
            throw new IllegalArgumentException("a cluster needs at least 2 nodes, got " + size);
        }
        List<int[]> ports = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ports.add(FreePorts.pick(2));
        }
        List<String> seeds = ports.stream().map(p -> "127.0.0.1:" + p[1]).toList();
        List<String> managers = size == 2 ? List.of("node-1")
                : java.util.stream.IntStream.rangeClosed(1, size).mapToObj(i -> "node-" + i).toList();
        List<OpenSearchServer> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String name = "node-" + (i + 1);
            List<String> roles = managers.contains(name) ? List.of("cluster_manager", "data") : List.of("data");
            nodes.add(OpenSearchServer.clusterNode(dir.resolve(name), ports.get(i),
                    new OpenSearchServer.Membership(name, seeds, managers, roles)));
        }
        OpenSearchCluster cluster = new OpenSearchCluster(nodes);
        try {
            // One after the other: each node is ready once it answers health, i.e. once it has joined a cluster
            // with an elected manager; node 1 can elect itself, the others join it.
            nodes.forEach(OpenSearchServer::start);
            cluster.awaitNodes(size, Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        LOG.info("OpenSearch cluster of {} nodes ready at {}", size, cluster.httpUrls());
        return cluster;
    }

    public List<OpenSearchServer> nodes() {
        return nodes;
    }

    /** Node {@code number}, counted from 1 like the node names. */
    public OpenSearchServer node(int number) {
        return nodes.get(number - 1);
    }

    /** Every node's HTTP URL, comma-separated (the form of {@code [es] address}). */
    public String httpUrls() {
        return String.join(",", nodes.stream().map(SearchNodeServer::httpUrl).toList());
    }

    /** The cluster's health status (green, yellow, red) as seen by the first running node. */
    public String health() {
        return STATUS.matcher(healthBody("")).results().map(m -> m.group(1)).findFirst().orElse("unknown");
    }

    /** Waits until the cluster counts {@code count} nodes. */
    public void awaitNodes(int count, Duration timeout) {
        awaitHealth("wait_for_nodes=" + count, body -> nodeCount(body) == count, timeout,
                count + " nodes in the cluster");
    }

    /** Waits until the cluster is green (every replica assigned), e.g. after a node came back. */
    public void awaitGreen(Duration timeout) {
        awaitHealth("wait_for_status=green", body -> body.contains("\"status\":\"green\""), timeout, "green");
    }

    private void awaitHealth(String query, java.util.function.Predicate<String> done, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() - deadline < 0) {
            last = healthBody("?" + query + "&timeout=2s");
            if (done.test(last)) {
                return;
            }
            sleep(200);
        }
        throw new IllegalStateException("OpenSearch cluster " + httpUrls() + " not " + what + " within "
                + timeout.toSeconds() + " s; last health: " + last);
    }

    private static int nodeCount(String body) {
        Matcher m = NODES.matcher(body);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** {@code GET /_cluster/health<query>} on the first running node that answers; "" when none does. */
    private String healthBody(String query) {
        for (OpenSearchServer node : nodes) {
            if (!node.isRunning()) {
                continue;
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(node.httpUrl()
                        + "/_cluster/health" + query)).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                return r.body();
            } catch (IOException e) {
                // that node is down or busy: ask the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }
        return "";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Stops every node, the last first. */
    @Override
    public void close() {
        for (OpenSearchServer node : nodes.reversed()) {
            try {
                node.stop();
            } catch (RuntimeException e) {
                LOG.warn("stopping {} failed", node.name(), e);
            }
        }
        http.close();
    }

    @Override
    public String toString() {
        return "OpenSearchCluster[" + httpUrls() + "]";
    }
}
