package io.logagent.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.logagent.stack.junit.RealServers;

/** Two real OpenSearch nodes form one cluster with replicas; the data node survives kill -9 and comes back. */
class OpenSearchClusterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static OpenSearchCluster cluster;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = OpenSearchCluster.start(RealServers.freshDirectory("os-cluster-"), 2);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        HTTP.close();
    }

    @Test
    void twoNodesHoldReplicasAndTheDataNodeSurvivesKillMinus9() throws Exception {
        OpenSearchServer manager = cluster.node(1);
        OpenSearchServer data = cluster.node(2);
        assertThat(cluster.httpUrls()).isEqualTo(manager.httpUrl() + "," + data.httpUrl());
        JsonNode nodes = get(manager, "/_cat/nodes?format=json&h=name,node.role");
        assertThat(nodes).hasSize(2);

        // 2 shards with the cluster's default of 1 replica: each node ends up with 2 copies.
        assertThat(send(manager, "PUT", "/cluster-it", "{\"settings\":{\"number_of_shards\":2}}").statusCode()).isEqualTo(200);
        for (int i = 0; i < 20; i++) {
            assertThat(send(data, "PUT", "/cluster-it/_doc/" + i, "{\"n\":" + i + "}").statusCode()).isEqualTo(201);
        }
        cluster.awaitGreen(Duration.ofSeconds(60));
        JsonNode settings = get(manager, "/cluster-it/_settings");
        assertThat(settings.path("cluster-it").path("settings").path("index").path("number_of_replicas").asText()).isEqualTo("1");
        assertThat(shardsOn(data.nodeName())).isEqualTo(2);
        int dataPort = data.httpPort();
        int transportPort = data.transportPort();

        data.kill();
        assertThat(data.isRunning()).isFalse();
        cluster.awaitNodes(1, Duration.ofSeconds(60));
        assertThat(cluster.health()).isIn("yellow");
        assertThat(count(manager)).isEqualTo(20); // the replicas on node 1 became primaries
        assertThat(send(manager, "PUT", "/cluster-it/_doc/during-outage", "{\"n\":-1}").statusCode()).isEqualTo(201);

        data.start();
        assertThat(data.httpPort()).isEqualTo(dataPort);
        assertThat(data.transportPort()).isEqualTo(transportPort);
        cluster.awaitNodes(2, Duration.ofSeconds(60));
        cluster.awaitGreen(Duration.ofSeconds(90));
        assertThat(count(data)).isEqualTo(21);
        assertThat(shardsOn(data.nodeName())).isEqualTo(2);
    }

    private static long count(OpenSearchServer node) throws Exception {
        send(node, "POST", "/cluster-it/_refresh", null);
        return get(node, "/cluster-it/_count").path("count").asLong(-1);
    }

    private static int shardsOn(String nodeName) throws Exception {
        int n = 0;
        for (JsonNode shard : get(cluster.node(1), "/_cat/shards/cluster-it?format=json")) {
            if (nodeName.equals(shard.path("node").asText()) && "STARTED".equals(shard.path("state").asText())) {
                n++;
            }
        }
        return n;
    }

    private static JsonNode get(OpenSearchServer node, String path) throws Exception {
        HttpResponse<String> r = send(node, "GET", path, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> send(OpenSearchServer node, String method, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.httpUrl() + path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
