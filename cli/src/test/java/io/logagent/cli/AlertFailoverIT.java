package io.logagent.cli;

import io.logagent.console.Api;
import io.logagent.console.ConsoleFixture;
import io.logagent.console.alerts.WebhookReceiver;
import io.logagent.console.search.OpenSearchSeed;
import io.logagent.stack.EtcdServer;
import io.logagent.stack.OpenSearchServer;
import io.logagent.stack.junit.RealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.logagent.console.Api.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two consoles share the evaluation: A ({@code logagent console} in a child JVM) holds the evaluator lease and fires;
 * A is then killed with SIGKILL (its lease is neither renewed nor given up), and B takes over within 30 s and sends the
 * next transition (resolved) with no second "firing": the rule's state came from etcd, not from B's memory.
 */
@ExtendWith(RealServers.class)
class AlertFailoverIT {

    static final String ALIAS = "alerts_failover_it";
    static final String INI = "[alerts]\ninterval_seconds = 1\nlease_seconds = 5\n";

    @Test
    void theSurvivingConsoleSendsTheNextTransitionOnceWithinThirtySeconds(EtcdServer etcd, OpenSearchServer os,
                                                                         @TempDir Path dir) throws Exception {
        String index = ALIAS + "-2026.12.02";
        OpenSearchSeed.createIndex(os.httpUrl(), index, List.of(ALIAS));
        int portA = freePort();
        Path iniA = Files.writeString(dir.resolve("a.ini"), """
                [http]
                port = %d
                [es]
                address = %s
                index = %s
                [etcd]
                address = %s
                [auth]
                admin_password = %s
                [console]
                data_dir = %s
                """.formatted(portA, os.httpUrl(), ALIAS, etcd.endpoint(), ConsoleFixture.ADMIN_PASSWORD,
                dir.resolve("a")) + INI);
        Process a = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "console",
                "--config", iniA.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("a.log").toFile()).start();
        try (WebhookReceiver hook = new WebhookReceiver();
             Api apiA = new Api(portA).basic("admin", ConsoleFixture.ADMIN_PASSWORD)) {
            String urlA = "http://127.0.0.1:" + portA;
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> apiA.get("/api/alerts").status() == 200);
            await().atMost(Duration.ofSeconds(20)).until(() -> apiA.get("/api/alerts").json().path("evaluator")
                    .asText().startsWith(urlA + "#"));
            try (ConsoleFixture b = new ConsoleFixture(dir.resolve("b"), etcd.endpoint(), os.httpUrl(), "", ALIAS,
                    Clock.systemUTC(), INI); Api apiB = b.admin()) {
                String urlB = "http://127.0.0.1:" + b.server.port();
                String rule = """
                        {"kind":"query","query":"level:ERROR AND topic:failover","window":"1h","threshold":10,
                         "notify":[{"webhook":"%s"}]}""".formatted(hook.url());
                assertThat(apiB.put("/api/alerts/failover", map("value", rule, "expectedRevision", 0)).status())
                        .isEqualTo(200);
                List<String> docs = new ArrayList<>();
                for (int i = 0; i < 11; i++) {
                    docs.add("{\"@timestamp\":\"" + Instant.now() + "\",\"topic\":\"failover\",\"level\":\"ERROR\","
                            + "\"message\":\"boom " + i + "\"}");
                }
                OpenSearchSeed.index(os.httpUrl(), index, docs);
                await().atMost(Duration.ofSeconds(30)).until(() -> hook.states().contains("firing"));
                assertThat(apiB.get("/api/alerts").json().path("evaluator").asText()).startsWith(urlA + "#");

                Instant killed = Instant.now();
                a.destroyForcibly(); // SIGKILL: no shutdown hook, no lease revoked
                assertThat(a.waitFor(10, TimeUnit.SECONDS)).isTrue();
                deleteAll(os.httpUrl(), "topic:failover");
                await().atMost(Duration.ofSeconds(30)).until(() -> hook.states().contains("resolved"));
                Duration takeover = Duration.between(killed, Instant.now());
                System.out.printf("console B sent the next transition %d ms after console A died (bound 30 s)%n",
                        takeover.toMillis());
                assertThat(apiB.get("/api/alerts").json().path("evaluator").asText()).startsWith(urlB + "#");
                Thread.sleep(3_000); // more rounds of B: still one notification per transition
                assertThat(hook.states()).containsExactly("firing", "resolved");
                long revision = apiB.get("/api/alerts/failover").json().path("revision").asLong();
                assertThat(apiB.delete("/api/alerts/failover?revision=" + revision).status()).isEqualTo(204);
            }
        } finally {
            a.destroyForcibly();
            a.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteAll(String osUrl, String q) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(osUrl + "/" + ALIAS
                            + "/_delete_by_query?refresh=true&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
    }
}
