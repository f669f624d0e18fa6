package io.logagent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.logagent.agent.Agent;
import io.logagent.console.Api;
import io.logagent.console.ConsoleFixture;
import io.logagent.console.alerts.WebhookReceiver;
import io.logagent.stack.EtcdServer;
import io.logagent.stack.KafkaServer;
import io.logagent.stack.OpenSearchServer;
import io.logagent.stack.junit.RealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.logagent.console.Api.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alerts at the end of the real pipeline (agent → Kafka → transfer → OpenSearch → console): a query rule fires to a
 * webhook within 30 s of the 11th ERROR line written to a file, and resolves when its window has passed; an
 * entry_error rule fires when an agent refuses an entry, an agent_offline rule when the agent stops reporting.
 */
@ExtendWith(RealServers.class)
class AlertsEndToEndIT {

    static final Duration BOUND = Duration.ofSeconds(30);
    static final String ALERTS_INI = "[alerts]\ninterval_seconds = 2\nlease_seconds = 5\n";

    @Test
    void queryRuleFiresWithinThirtySecondsOfTheEleventhErrorLineAndResolves(EtcdServer etcd, KafkaServer kafka,
            OpenSearchServer os, @TempDir Path dir) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String topic = "alerts_e2e_" + suffix;
        String ip = "10.93.0.1";
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path log = logs.resolve("app.log");
        Files.writeString(log, "");
        try (Pipeline p = new Pipeline(etcd, kafka.bootstrapServers(), os.httpUrl(), dir);
             WebhookReceiver hook = new WebhookReceiver()) {
            p.collect(ip, topic, log.toString());
            p.transfer(p.transferIni(topic, "alerts-e2e-" + suffix, ""));
            p.agent(p.agentIni(ip, "", logs));
            try (ConsoleFixture console = new ConsoleFixture(dir.resolve("console"), etcd.endpoint(), os.httpUrl(),
                    kafka.bootstrapServers(), "logagent", Clock.systemUTC(), ALERTS_INI); Api admin = console.admin()) {
                String rule = """
                        {"kind":"query","query":"level:ERROR AND topic:%s","window":"40s","threshold":10,"op":">",
                         "notify":[{"webhook":"%s"}]}""".formatted(topic, hook.url());
                assertThat(admin.put("/api/alerts/e2e-errors-" + suffix, map("value", rule, "expectedRevision", 0))
                        .status()).isEqualTo(200);
                for (int i = 1; i <= 10; i++) {
                    append(log, Instant.now() + " ERROR [main] payment failed " + i);
                }
                // The ten are searchable and were counted (10, not above 10): nothing has fired.
                await().atMost(Duration.ofSeconds(60)).until(() -> admin.get("/api/alerts/e2e-errors-" + suffix)
                        .json().path("state").path("lastValue").asDouble() == 10);
                assertThat(hook.received()).isEmpty();

                Instant eleventh = Instant.now();
                append(log, Instant.now() + " ERROR [main] payment failed 11");
                await().atMost(BOUND).until(() -> hook.states().contains("firing"));
                Duration latency = Duration.between(eleventh, Instant.now());
                System.out.printf("alert fired %d ms after the 11th ERROR line was written (bound %d s)%n",
                        latency.toMillis(), BOUND.toSeconds());
                JsonNode firing = hook.received().getFirst();
                assertThat(firing.path("state").asText()).isEqualTo("firing");
                assertThat(firing.path("value").asDouble()).isEqualTo(11);
                assertThat(firing.path("link").asText()).contains("/#search?q=level%3AERROR%20AND%20topic%3A" + topic);

                // No new error: once the 40 s window has passed the lines, the count falls and the rule resolves.
                await().atMost(Duration.ofSeconds(70)).until(() -> hook.states().contains("resolved"));
                assertThat(hook.states()).containsExactly("firing", "resolved");
                long revision = admin.get("/api/alerts/e2e-errors-" + suffix).json().path("revision").asLong();
                assertThat(admin.delete("/api/alerts/e2e-errors-" + suffix + "?revision=" + revision).status())
                        .isEqualTo(204);
            }
        }
    }

    @Test
    void entryErrorFiresOnARefusedEntryAndAgentOfflineWhenTheAgentStopsReporting(EtcdServer etcd, KafkaServer kafka, OpenSearchServer os,
                                                       @TempDir Path dir) throws Exception {
        String ip = "10.93.0.2";
        String name = "e2e-offline-" + UUID.randomUUID().toString().substring(0, 8);
        Path logs = Files.createDirectories(dir.resolve("logs"));
        try (Pipeline p = new Pipeline(etcd, kafka.bootstrapServers(), os.httpUrl(), dir);
             WebhookReceiver hook = new WebhookReceiver();
             ConsoleFixture console = new ConsoleFixture(dir.resolve("console"), etcd.endpoint(), os.httpUrl(), "",
                     "logagent", Clock.systemUTC(), ALERTS_INI); Api admin = console.admin()) {
            p.collect(ip, "alerts_offline", logs.resolve("x.log").toString());
            Agent agent = p.agent(p.agentIni(ip, "", logs));
            String rule = "{\"kind\":\"agent_offline\",\"host\":\"" + ip + "\",\"notify\":[{\"webhook\":\"" + hook.url()
                    + "\"}]}";
            assertThat(admin.put("/api/alerts/" + name, map("value", rule, "expectedRevision", 0)).status())
                    .isEqualTo(200);
            String entries = name + "-entries";
            assertThat(admin.put("/api/alerts/" + entries, map("value", "{\"kind\":\"entry_error\",\"host\":\"" + ip
                    + "\",\"notify\":[{\"webhook\":\"" + hook.url() + "\"}]}", "expectedRevision", 0)).status())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> lastValue(admin, name) == 0
                    && lastValue(admin, entries) == 0);
            assertThat(hook.received()).isEmpty();

            // An entry outside the agent's allow_paths is refused: the agent reports it in ERROR.
            p.collect(ip, "alerts_offline", logs.resolve("x.log").toString(), "/elsewhere/refused.log");
            await().atMost(BOUND).until(() -> hook.received().stream()
                    .anyMatch(n -> n.path("rule").asText().equals(entries) && n.path("state").asText().equals("firing")));
            assertThat(hook.received()).hasSize(1);

            Instant stopped = Instant.now();
            agent.stop();
            assertThat(agent.awaitStop(Duration.ofSeconds(30))).isTrue();
            await().atMost(BOUND).until(() -> hook.received().stream().anyMatch(n -> n.path("rule").asText().equals(name)));
            System.out.printf("agent_offline fired %d ms after the agent stopped%n",
                    Duration.between(stopped, Instant.now()).toMillis());
            JsonNode offline = hook.received().stream().filter(n -> n.path("rule").asText().equals(name)).findFirst()
                    .orElseThrow();
            assertThat(offline.path("state").asText()).isEqualTo("firing");
            assertThat(offline.path("link").asText()).endsWith("/#hosts");
            for (String r : java.util.List.of(name, entries)) {
                long revision = admin.get("/api/alerts/" + r).json().path("revision").asLong();
                assertThat(admin.delete("/api/alerts/" + r + "?revision=" + revision).status()).isEqualTo(204);
            }
        }
    }

    private static double lastValue(Api admin, String rule) {
        JsonNode value = admin.get("/api/alerts/" + rule).json().path("state").path("lastValue");
        return value.isNumber() ? value.asDouble() : -1;
    }

    private static void append(Path file, String line) throws Exception {
        Files.writeString(file, line + "\n", StandardOpenOption.APPEND);
    }
}
