package io.logagent.console.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.logagent.agent.Agent;
import io.logagent.console.Api;
import io.logagent.console.ConsoleFixture;
import io.logagent.console.RealAgents;
import io.logagent.stack.EtcdServer;
import io.logagent.stack.KafkaServer;
import io.logagent.stack.junit.RealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static io.logagent.console.Api.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Group rollout against real agents (real etcd and Kafka): the agents' own {@code [agent] groups} make them members;
 * a saved group config shows as applied on each member once its agent reports the revision; a value the agents
 * refuse leaves every member pending with the agent's error; a stopped agent leaves the member list.
 */
@ExtendWith(RealServers.class)
class GroupRolloutApiTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void membersAppliedPendingAndErrorsPerGroup(EtcdServer etcdServer, KafkaServer kafka, @TempDir Path dir)
            throws Exception {
        try (ConsoleFixture console = new ConsoleFixture(dir.resolve("console"), etcdServer.endpoint(),
                "http://127.0.0.1:1", kafka.bootstrapServers(), "rollout_it", Clock.systemUTC());
             Api admin = console.admin();
             RealAgents agents = RealAgents.sharingDir(dir.resolve("agents"), etcdServer.endpoint(), kafka.bootstrapServers());
             Client etcd = Client.builder().endpoints(etcdServer.endpoint()).build()) {
            Agent web1 = agents.start("10.77.0.1", "rollout-web");
            agents.start("10.77.0.2", "rollout-web, rollout-db");
            agents.start("10.77.0.3", "");

            String config = "[{\"path\":\"" + dir.resolve("agents").resolve("shared.log") + "\",\"topic\":\"rollout\"}]";
            Api.Response saved = admin.put("/api/groups/rollout-web/config", map("value", config, "expectedRevision", 0));
            assertThat(saved.status()).as(saved.body()).isEqualTo(200);
            long revision = saved.json().path("revision").asLong();

            JsonNode web = await().atMost(WAIT).until(() -> group(admin, "rollout-web"),
                    g -> g != null && g.path("members").size() == 2 && g.path("appliedCount").asInt() == 2);
            assertThat(web.path("revision").asLong()).isEqualTo(revision);
            assertThat(web.path("key").asText()).isEqualTo("/logagent/groups/rollout-web/collect_config");
            assertThat(hosts(web)).containsExactly("10.77.0.1", "10.77.0.2");
            assertThat(web.path("counts").path("applied").asInt()).isEqualTo(2);
            assertThat(web.path("members")).allSatisfy(m -> {
                assertThat(m.path("applied").asBoolean()).isTrue();
                assertThat(m.path("rollout").path("state").asText()).isEqualTo("applied");
                assertThat(m.path("appliedRevision").asLong()).isGreaterThanOrEqualTo(revision);
            });
            // A group that members name but nobody configured yet: listed with its members, revision 0.
            JsonNode db = group(admin, "rollout-db");
            assertThat(db.path("revision").asLong()).isZero();
            assertThat(hosts(db)).containsExactly("10.77.0.2");
            assertThat(admin.get("/api/groups/rollout").body()).doesNotContain("10.77.0.3");
            // The hosts view names each host's groups too.
            JsonNode host2 = StreamSupport.stream(admin.get("/api/hosts").json().spliterator(), false)
                    .filter(h -> h.path("host").asText().equals("10.77.0.2")).findFirst().orElseThrow();
            assertThat(host2.path("groups")).extracting(JsonNode::asText).containsExactlyInAnyOrder("rollout-web", "rollout-db");
            // ... and the version each agent runs (from its status), so a rollout of a new package can be followed.
            assertThat(host2.path("version").asText()).isEqualTo(io.logagent.core.BuildVersion.current());

            // A value the agents refuse (written around the console, which would refuse it too): failed, with why
            // (it used to show as pending: the agent's report now says which revision it refused).
            etcd.getKVClient().put(bytes("/logagent/groups/rollout-web/collect_config"), bytes("[{\"path\": 42}]"))
                    .get(10, TimeUnit.SECONDS);
            JsonNode broken = await().atMost(WAIT).until(() -> group(admin, "rollout-web"),
                    g -> g.path("appliedCount").asInt() == 0 && g.path("members").size() == 2
                            && StreamSupport.stream(g.path("members").spliterator(), false)
                            .allMatch(m -> m.path("errors").toString().contains("invalid")));
            assertThat(broken.path("revision").asLong()).isGreaterThan(revision);
            assertThat(broken.path("counts").path("failed").asInt()).isEqualTo(2);
            assertThat(broken.path("members")).allSatisfy(m -> {
                assertThat(m.path("applied").asBoolean()).isFalse();
                assertThat(m.path("rollout").path("state").asText()).isEqualTo("failed");
                assertThat(m.path("rollout").path("reason").asText()).contains("entry 1");
                assertThat(m.path("appliedRevision").asLong()).isEqualTo(web.path("members").get(0).path("appliedRevision").asLong());
            });

            // A stopped agent revokes its status: it is no longer listed as a member.
            agents.stop(web1);
            await().atMost(WAIT).until(() -> hosts(group(admin, "rollout-web")), h -> h.equals(List.of("10.77.0.2")));

            // Viewers may look; anonymous callers may not.
            assertThat(admin.put("/api/users/rollout-viewer", map("role", "viewer", "password", "viewer-pass-1")).status())
                    .isEqualTo(200);
            try (Api viewer = new Api(console.server.port()).basic("rollout-viewer", "viewer-pass-1")) {
                assertThat(viewer.get("/api/groups/rollout").status()).isEqualTo(200);
            }
            assertThat(console.anonymous().get("/api/groups/rollout").status()).isEqualTo(401);
        }
    }

    /**
     * A host config with one entry outside the agent's allow_paths: the check warns before saving, and once saved the
     * host is "partly applied" with the refused entry and why, never "applied". An invalid value then is "failed"
     * (the previous value stays in force), and a good one "applied".
     */
    @Test
    void aHostIsPartlyAppliedWithTheRefusedEntryAndFailedOnAnInvalidValue(EtcdServer etcdServer, KafkaServer kafka,
                                                                            @TempDir Path dir) throws Exception {
        try (ConsoleFixture console = new ConsoleFixture(dir.resolve("console"), etcdServer.endpoint(),
                "http://127.0.0.1:1", kafka.bootstrapServers(), "rollout_it", Clock.systemUTC());
             Api admin = console.admin();
             RealAgents agents = RealAgents.confinedToOwnLogs(dir.resolve("agents"), etcdServer.endpoint(),
                     kafka.bootstrapServers());
             Client etcd = Client.builder().endpoints(etcdServer.endpoint()).build()) {
            String ip = "10.77.1.1";
            agents.start(ip, "");
            Path inside = agents.logs(ip).resolve("app.log");
            Path outside = dir.resolve("elsewhere.log");
            String config = "[{\"path\":\"" + inside + "\",\"topic\":\"in\"},{\"path\":\"" + outside + "\",\"topic\":\"out\"}]";
            JsonNode agentRow = await().atMost(WAIT).until(() -> host(admin, ip), h -> h != null && h.path("online").asBoolean());
            assertThat(agentRow.path("allowPaths")).extracting(JsonNode::asText).containsExactly(agents.logs(ip) + "/**");

            Api.Response check = admin.post("/api/hosts/" + ip + "/config/check", map("value", config));
            assertThat(check.status()).as(check.body()).isEqualTo(200);
            assertThat(check.json().path("problems")).isEmpty();
            assertThat(check.json().path("warnings")).hasSize(1);
            assertThat(check.json().path("warnings").get(0).asText()).startsWith("entry 2 on " + ip + ": ")
                    .contains(outside.toString(), "allow_paths");
            assertThat(admin.post("/api/hosts/" + ip + "/config/check", map("value", "[{\"path\": 1}]")).json()
                    .path("problems").toString()).contains("entry 1");

            long revision = admin.put("/api/hosts/" + ip + "/config", map("value", config, "expectedRevision", 0))
                    .json().path("revision").asLong();
            JsonNode partly = await().atMost(WAIT).until(() -> host(admin, ip),
                    h -> h.path("rollout").path("state").asText().equals("partly applied"));
            assertThat(partly.path("applied").asBoolean()).isFalse();
            assertThat(partly.path("appliedRevision").asLong()).isEqualTo(revision);
            assertThat(partly.path("rollout").path("refused")).hasSize(1);
            assertThat(partly.path("rollout").path("refused").get(0).path("path").asText()).isEqualTo(outside.toString());
            assertThat(partly.path("rollout").path("refused").get(0).path("reason").asText()).contains("allow_paths");

            etcd.getKVClient().put(bytes("/logagent/" + ip + "/collect_config"), bytes("[{\"path\": 42}]"))
                    .get(10, TimeUnit.SECONDS);
            JsonNode failed = await().atMost(WAIT).until(() -> host(admin, ip),
                    h -> h.path("rollout").path("state").asText().equals("failed"));
            assertThat(failed.path("rollout").path("reason").asText()).contains("entry 1");
            assertThat(failed.path("appliedRevision").asLong()).isEqualTo(revision); // the previous value stays

            String good = "[{\"path\":\"" + inside + "\",\"topic\":\"in\"}]";
            long last = etcd.getKVClient().get(bytes("/logagent/" + ip + "/collect_config")).get(10, TimeUnit.SECONDS)
                    .getKvs().getFirst().getModRevision();
            assertThat(admin.put("/api/hosts/" + ip + "/config", map("value", good, "expectedRevision", last)).status())
                    .isEqualTo(200);
            JsonNode applied = await().atMost(WAIT).until(() -> host(admin, ip),
                    h -> h.path("rollout").path("state").asText().equals("applied"));
            assertThat(applied.path("applied").asBoolean()).isTrue();
            assertThat(applied.path("rollout").path("refused")).isEmpty();
        }
    }

    /**
     * Staged rollout with real agents: a new group value goes to the canary host only (it runs it, the other member
     * keeps the group's value), the rollout is shown per wave; promotion makes it the group's value for all; a second
     * canary rolled back returns its host to the group's value.
     */
    @Test
    void aCanaryReachesItsHostsOnlyThenIsPromotedOrRolledBack(EtcdServer etcdServer, KafkaServer kafka,
                                                             @TempDir Path dir) throws Exception {
        try (ConsoleFixture console = new ConsoleFixture(dir.resolve("console"), etcdServer.endpoint(),
                "http://127.0.0.1:1", kafka.bootstrapServers(), "rollout_it", Clock.systemUTC());
             Api admin = console.admin();
             RealAgents agents = RealAgents.sharingDir(dir.resolve("agents"), etcdServer.endpoint(), kafka.bootstrapServers())) {
            agents.start("10.77.2.1", "canary-web");
            agents.start("10.77.2.2", "canary-web");
            String log = dir.resolve("agents").resolve("c.log").toString();
            String v1 = "[{\"path\":\"" + log + "\",\"topic\":\"v1\"}]";
            String v2 = "[{\"path\":\"" + log + "\",\"topic\":\"v2\"}]";
            String v3 = "[{\"path\":\"" + log + "\",\"topic\":\"v3\"}]";
            long revision = admin.put("/api/groups/canary-web/config", map("value", v1, "expectedRevision", 0))
                    .json().path("revision").asLong();
            await().atMost(WAIT).until(() -> group(admin, "canary-web"), g -> g != null && g.path("appliedCount").asInt() == 2);

            Api.Response started = admin.put("/api/groups/canary-web/canary", map("value", v2, "hosts", List.of("10.77.2.1")));
            assertThat(started.status()).as(started.body()).isEqualTo(200);
            assertThat(started.json().path("hosts")).extracting(JsonNode::asText).containsExactly("10.77.2.1");
            JsonNode staged = await().atMost(WAIT).until(() -> group(admin, "canary-web"),
                    g -> g.path("canary").path("counts").path("applied").asInt() == 1);
            assertThat(staged.path("canary").path("hosts")).extracting(JsonNode::asText).containsExactly("10.77.2.1");
            assertThat(staged.path("counts").path("applied").asInt()).isEqualTo(1); // the other wave: 10.77.2.2 on v1
            assertThat(staged.path("members")).extracting(m -> m.path("host").asText() + "=" + m.path("wave").asText()
                    + ":" + m.path("rollout").path("state").asText())
                    .containsExactlyInAnyOrder("10.77.2.1=canary:applied", "10.77.2.2=all:applied");
            await().atMost(WAIT).until(() -> topics(admin, "10.77.2.1").equals(List.of("v2"))
                    && topics(admin, "10.77.2.2").equals(List.of("v1")));
            assertThat(admin.put("/api/groups/canary-web/canary", map("value", "[{\"path\": 1}]", "hosts", List.of("10.77.2.1")))
                    .status()).isEqualTo(400);

            Api.Response promoted = admin.post("/api/groups/canary-web/canary/promote", map("expectedRevision", revision));
            assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
            assertThat(promoted.json().path("value").asText()).isEqualTo(v2);
            await().atMost(WAIT).until(() -> group(admin, "canary-web"),
                    g -> g.path("canary").isNull() && g.path("appliedCount").asInt() == 2);
            await().atMost(WAIT).until(() -> topics(admin, "10.77.2.1").equals(List.of("v2"))
                    && topics(admin, "10.77.2.2").equals(List.of("v2")));
            assertThat(admin.post("/api/groups/canary-web/canary/promote", map("expectedRevision", revision)).status())
                    .isEqualTo(409); // nothing staged any more

            admin.put("/api/groups/canary-web/canary", map("value", v3, "hosts", List.of("10.77.2.2")));
            await().atMost(WAIT).until(() -> topics(admin, "10.77.2.2").equals(List.of("v3")));
            assertThat(admin.post("/api/groups/canary-web/canary/rollback", map()).status()).isEqualTo(200);
            await().atMost(WAIT).until(() -> topics(admin, "10.77.2.2").equals(List.of("v2")));
            assertThat(admin.get("/api/groups/canary-web/config").json().path("value").asText()).isEqualTo(v2);
        }
    }

    /** The topics of the entries agent {@code ip} runs, from its own status. */
    static List<String> topics(Api api, String ip) {
        return StreamSupport.stream(api.get("/api/agents").json().spliterator(), false)
                .filter(a -> a.path("host").asText().equals(ip))
                .flatMap(a -> StreamSupport.stream(a.path("entries").spliterator(), false))
                .map(e -> e.path("topic").asText()).toList();
    }

    static JsonNode host(Api api, String ip) {
        return StreamSupport.stream(api.get("/api/hosts").json().spliterator(), false)
                .filter(h -> h.path("host").asText().equals(ip)).findFirst().orElse(null);
    }

    static JsonNode group(Api api, String name) {
        Api.Response r = api.get("/api/groups/rollout");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return StreamSupport.stream(r.json().spliterator(), false)
                .filter(g -> g.path("group").asText().equals(name)).findFirst().orElse(null);
    }

    static List<String> hosts(JsonNode group) {
        return group == null ? List.of() : StreamSupport.stream(group.path("members").spliterator(), false)
                .map(m -> m.path("host").asText()).toList();
    }

    static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
