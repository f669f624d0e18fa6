package io.logagent.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.logagent.stack.EtcdServer;
import io.logagent.stack.KafkaServer;
import io.logagent.stack.OpenSearchServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The transfer with {@code [etcd] address}: it consumes the topics the collect configs in etcd name, follows them
 * live (added → consumed within seconds, removed → no longer consumed, re-added → resumes at its committed offset)
 * and an invalid value in one host key disturbs nothing else.
 */
class EtcdTopicsIT extends TransferOnRealServersTestBase {

    private static final String GROUP = "g-etcd-topics";
    /** A root of its own, so no other test's keys under the shared etcd count. */
    private static final String ROOT = "/it-etcd-topics-" + Long.toHexString(System.nanoTime());

    private final EtcdServer etcdServer;
    private final Client etcd;
    private final Admin admin;
    private final HttpClient http = HttpClient.newHttpClient();

    EtcdTopicsIT(KafkaServer kafka, OpenSearchServer search, EtcdServer etcd) {
        super(new RealStack(kafka, search));
        this.etcdServer = etcd;
        this.etcd = Client.builder().endpoints(etcd.endpoint()).build();
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    @AfterEach
    void closeClients() {
        etcd.close();
        admin.close();
        http.close();
    }

    @Test
    void followsTheTopicsNamedInEtcdLiveAndIgnoresAnInvalidValue() throws Exception {
        String hostA = ROOT + "/10.0.0.1/collect_config";
        String hostBad = ROOT + "/10.0.0.2/collect_config";
        String hostNew = ROOT + "/10.0.0.3/collect_config";
        String group = ROOT + "/groups/web/collect_config";
        for (String t : List.of("zt-static", "zt-a", "zt-g")) {
            stack.createTopic(t, 1);
        }
        put(hostA, entry("/var/log/a.log", "zt-a"));
        put(hostBad, "[{\"path\": \"/var/log/b.log\", \"topic\": ");
        put(group, entry("/var/log/g.log", "zt-g"));
        put(ROOT + "/status/10.0.0.1", "{\"not\":\"a collect config\"}");
        stack.produceAgentLines("zt-static", 0, 5, "10.0.0.9");
        stack.produceAgentLines("zt-a", 0, 10, "10.0.0.1");
        stack.produceAgentLines("zt-g", 0, 10, "10.0.0.4");
        int port = freePort();
        transfer.start(stack.config("zt-static", GROUP, """
                [etcd]
                address=%s
                collect_log_key=%s/%%s/collect_config
                group_key=%s/groups/%%s/collect_config
                [transfer]
                http_port=%d
                """.formatted(etcdServer.endpoint(), ROOT, ROOT, port)));

        // The ini's topic and both etcd topics are consumed; the invalid key is reported, nothing else disturbed.
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.count("zt-a") == 10 && stack.count("zt-g") == 10
                && stack.count("zt-static") == 5);
        JsonNode health = health(port);
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(texts(health.path("etcd").path("topics"))).containsExactly("zt-a", "zt-g");
        assertThat(texts(health.path("etcd").path("problems"))).singleElement().asString()
                .contains(hostBad, "invalid");
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body())
                .contains("logagent_transfer_etcd_topics 2.0", "logagent_transfer_etcd_problems 1.0");

        // A new entry naming a topic that does not exist yet: the agent creates it at its first line.
        long t0 = System.nanoTime();
        put(hostNew, entry("/var/log/new.log", "zt-new"));
        stack.createTopic("zt-new", 1);
        stack.produceAgentLines("zt-new", 0, 7, "10.0.0.3");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> stack.count("zt-new") == 7);
        long searchableMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        System.out.printf("EtcdTopicsIT: a new topic named in etcd was searchable after %d ms%n", searchableMs);

        // Removed: its partitions are revoked (offsets committed), later lines stay in Kafka.
        etcd.getKVClient().delete(bytes(hostA)).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> !assignedTopics().contains("zt-a")
                && assignedTopics().contains("zt-new"));
        assertThat(stack.committed(GROUP, "zt-a")).isEqualTo(10);
        stack.produceAgentLines("zt-a", 10, 15, "10.0.0.1");
        stack.produceAgentLines("zt-new", 7, 10, "10.0.0.3");
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.count("zt-new") == 10);
        assertThat(stack.count("zt-a")).isEqualTo(10);
        assertThat(texts(health(port).path("etcd").path("topics"))).containsExactly("zt-g", "zt-new");

        // Named again: consumption resumes at the committed offset, so exactly the 5 waiting lines follow.
        put(hostA, entry("/var/log/a.log", "zt-a"));
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.committed(GROUP, "zt-a") == 15);
        assertThat(stack.count("zt-a")).isEqualTo(15);

        // Fixing the invalid key adds its topic; the problem is gone.
        stack.createTopic("zt-b", 1);
        stack.produceAgentLines("zt-b", 0, 3, "10.0.0.2");
        put(hostBad, entry("/var/log/b.log", "zt-b"));
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.count("zt-b") == 3);
        assertThat(health(port).path("etcd").path("problems").size()).isZero();
        assertThat(transfer.stop().orElseThrow().failure()).isEmpty();
    }

    private Set<String> assignedTopics() throws Exception {
        Set<String> topics = new TreeSet<>();
        for (MemberDescription m : admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP).members()) {
            m.assignment().topicPartitions().forEach(tp -> topics.add(tp.topic()));
        }
        return topics;
    }

    private JsonNode health(int port) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return stack.mapper.readTree(r.body());
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private void put(String key, String value) throws Exception {
        etcd.getKVClient().put(bytes(key), bytes(value)).get(10, TimeUnit.SECONDS);
    }

    private static String entry(String path, String topic) {
        return "[{\"path\":\"" + path + "\",\"topic\":\"" + topic + "\"}]";
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
