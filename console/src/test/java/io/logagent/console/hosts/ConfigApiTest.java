package io.logagent.console.hosts;

import com.fasterxml.jackson.databind.JsonNode;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.logagent.console.Api;
import io.logagent.console.ConsoleFixture;
import io.logagent.stack.EtcdServer;
import io.logagent.stack.junit.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.stream.StreamSupport;

import static io.logagent.console.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

/** Collect-config management against a real etcd: CAS, validation, hosts/rollout and audit. */
@ExtendWith(RealServers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigApiTest {

    static final String CONFIG = "[{\"path\":\"/var/log/nginx/access.log\",\"topic\":\"web_log\"}]";

    ConsoleFixture console;
    Api admin;
    Client etcd;

    @BeforeAll
    void start(EtcdServer server, @TempDir Path dir) {
        console = new ConsoleFixture(dir, server.endpoint(), "http://127.0.0.1:9", "", "logagent", Clock.systemUTC());
        admin = console.admin();
        etcd = Client.builder().endpoints(server.endpoint()).build();
    }

    @AfterAll
    void stop() throws Exception {
        admin.close();
        etcd.close();
        console.close();
    }

    void etcdPut(String key, String value) throws Exception {
        etcd.getKVClient().put(bytes(key), bytes(value)).get();
    }

    String etcdGet(String key) throws Exception {
        var kvs = etcd.getKVClient().get(bytes(key)).get().getKvs();
        return kvs.isEmpty() ? null : kvs.getFirst().getValue().toString(StandardCharsets.UTF_8);
    }

    static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    @Test
    void createReadAndCompareAndSwapConflict() throws Exception {
        Api.Response created = admin.put("/api/hosts/10.1.0.1/config", map("value", CONFIG, "expectedRevision", 0));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        long rev = created.json().path("revision").asLong();
        assertThat(etcdGet("/logagent/10.1.0.1/collect_config")).isEqualTo(CONFIG);

        JsonNode read = admin.get("/api/hosts/10.1.0.1/config").json();
        assertThat(read.path("revision").asLong()).isEqualTo(rev);
        assertThat(read.path("entries").path(0).path("topic").asText()).isEqualTo("web_log");

        // Two editors loaded revision `rev`; the first save wins, the second gets 409 with the winner's value.
        String first = CONFIG.replace("web_log", "first");
        String second = CONFIG.replace("web_log", "second");
        assertThat(admin.put("/api/hosts/10.1.0.1/config", map("value", first, "expectedRevision", rev)).status()).isEqualTo(200);
        Api.Response loser = admin.put("/api/hosts/10.1.0.1/config", map("value", second, "expectedRevision", rev));
        assertThat(loser.status()).isEqualTo(409);
        assertThat(loser.json().path("value").asText()).isEqualTo(first);
        assertThat(loser.json().path("revision").asLong()).isGreaterThan(rev);
        assertThat(etcdGet("/logagent/10.1.0.1/collect_config")).isEqualTo(first);

        // Creating over an existing key with expectedRevision 0 is a conflict too.
        assertThat(admin.put("/api/hosts/10.1.0.1/config", map("value", second, "expectedRevision", 0)).status()).isEqualTo(409);
    }

    @Test
    void invalidConfigIs400WithEveryProblemAndNothingWritten() throws Exception {
        String bad = "[{\"path\":\"relative.log\",\"topic\":\"bad topic\"},{\"topic\":\"x\",\"colour\":\"red\"}]";
        Api.Response r = admin.put("/api/hosts/10.1.0.2/config", map("value", bad, "expectedRevision", 0));
        assertThat(r.status()).isEqualTo(400);
        assertThat(StreamSupport.stream(r.json().path("problems").spliterator(), false).map(JsonNode::asText))
                .anyMatch(p -> p.contains("must be absolute"))
                .anyMatch(p -> p.contains("not a valid Kafka topic"))
                .anyMatch(p -> p.contains("unknown field 'colour'"))
                .anyMatch(p -> p.contains("missing 'path'"));
        assertThat(admin.put("/api/hosts/10.1.0.2/config", map("value", "{not json", "expectedRevision", 0)).status()).isEqualTo(400);
        assertThat(admin.put("/api/hosts/10.1.0.2/config", map("value", 5)).status()).isEqualTo(400);
        assertThat(admin.put("/api/hosts/..%2Fx/config", map("value", CONFIG, "expectedRevision", 0)).status()).isIn(400, 404);
        assertThat(etcdGet("/logagent/10.1.0.2/collect_config")).isNull();
    }

    @Test
    void hostsAreTheUnionOfConfigAndStatusKeysWithRolloutState() throws Exception {
        long rev = admin.put("/api/hosts/10.1.0.3/config", map("value", CONFIG, "expectedRevision", 0)).json().path("revision").asLong();
        admin.put("/api/hosts/10.1.0.4/config", map("value", CONFIG, "expectedRevision", 0));
        etcdPut("/logagent/status/10.1.0.3", "{\"host\":\"10.1.0.3\",\"version\":\"0.1.0\",\"config_revision\":" + rev
                + ",\"entries\":[{\"path\":\"/var/log/nginx/access.log\",\"topic\":\"web_log\",\"state\":\"running\","
                + "\"files\":[{\"path\":\"/var/log/nginx/access.log\",\"offset\":10,\"size\":30,\"last_error\":\"permission denied\"}]}]}");
        etcdPut("/logagent/status/10.1.0.4", "{\"host\":\"10.1.0.4\",\"config_revision\":" + (rev - 1) + "}");
        etcdPut("/logagent/status/10.1.0.5", "{\"host\":\"10.1.0.5\",\"config_revision\":3,\"config_error\":\"bad json\"}");

        Map<String, JsonNode> hosts = byHost(admin.get("/api/hosts").json());
        assertThat(hosts.get("10.1.0.3").path("online").asBoolean()).isTrue();
        assertThat(hosts.get("10.1.0.3").path("applied").asBoolean()).isTrue();
        assertThat(hosts.get("10.1.0.3").path("errors").toString()).contains("permission denied");
        assertThat(hosts.get("10.1.0.4").path("applied").asBoolean()).isFalse(); // agent still on an older revision
        assertThat(hosts.get("10.1.0.5").path("configured").asBoolean()).isFalse(); // status only
        assertThat(hosts.get("10.1.0.5").path("errors").toString()).contains("config: bad json");

        etcd.getKVClient().delete(bytes("/logagent/status/10.1.0.4")).get(); // lease gone = agent died
        JsonNode gone = byHost(admin.get("/api/hosts").json()).get("10.1.0.4");
        assertThat(gone.path("online").asBoolean()).isFalse();
        assertThat(gone.path("configured").asBoolean()).isTrue();

        assertThat(StreamSupport.stream(admin.get("/api/agents").json().spliterator(), false)
                .map(a -> a.path("host").asText())).contains("10.1.0.3", "10.1.0.5");
    }

    @Test
    void groupsAndAuditRecordWhoChangedWhatBeforeAndAfter() {
        Api.Response g = admin.put("/api/groups/web-servers/config", map("value", CONFIG, "expectedRevision", 0));
        assertThat(g.status()).as(g.body()).isEqualTo(200);
        String after = CONFIG.replace("web_log", "web2");
        admin.put("/api/groups/web-servers/config", map("value", after, "expectedRevision", g.json().path("revision").asLong()));
        assertThat(admin.get("/api/groups").json().toString()).contains("web-servers");
        assertThat(admin.get("/api/groups/web-servers/config").json().path("value").asText()).isEqualTo(after);

        // etcd is shared with other test classes: take the newest record of this key.
        JsonNode newest = StreamSupport.stream(admin.get("/api/audit", Map.of("limit", "200")).json().spliterator(), false)
                .filter(a -> a.path("key").asText().contains("/groups/web-servers/")).findFirst().orElseThrow();
        assertThat(newest.path("user").asText()).isEqualTo("admin");
        assertThat(newest.path("key").asText()).isEqualTo("/logagent/groups/web-servers/collect_config");
        assertThat(newest.path("before").asText()).isEqualTo(CONFIG);
        assertThat(newest.path("after").asText()).isEqualTo(after);
        assertThat(newest.path("target").asText()).isEqualTo("group");
        assertThat(newest.path("time").asText()).isNotBlank();

        // Restoring the value before the change makes it current again, as a new audited change.
        Api.Response restored = admin.post("/api/audit/restore", map("key", newest.path("key").asText(),
                "value", newest.path("before").asText()));
        assertThat(restored.status()).as(restored.body()).isEqualTo(200);
        assertThat(admin.get("/api/groups/web-servers/config").json().path("value").asText()).isEqualTo(CONFIG);
        for (String key : java.util.List.of("/etc/passwd", "/logagent/groups/web-servers/collect_config/canary/", "/logagent/status/10.1.0.1")) {
            assertThat(admin.post("/api/audit/restore", map("key", key, "value", CONFIG)).status()).as(key).isEqualTo(400);
        }
        assertThat(admin.post("/api/audit/restore", map("key", newest.path("key").asText(), "value", "[{\"path\": 1}]"))
                .status()).isEqualTo(400);
    }

    static Map<String, JsonNode> byHost(JsonNode array) {
        Map<String, JsonNode> out = new java.util.HashMap<>();
        array.forEach(h -> out.put(h.path("host").asText(), h));
        return out;
    }
}
