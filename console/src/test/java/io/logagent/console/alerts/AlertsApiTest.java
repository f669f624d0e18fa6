package io.logagent.console.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.logagent.console.Api;
import io.logagent.console.ConsoleFixture;
import io.logagent.console.search.OpenSearchSeed;
import io.logagent.stack.EtcdServer;
import io.logagent.stack.OpenSearchServer;
import io.logagent.stack.junit.RealServers;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static io.logagent.console.Api.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alert rules through the console's API against real etcd and OpenSearch: validation naming the field, CAS, roles and
 * audit; a query rule that fires to a webhook (down for its first attempt) and to email through a real SMTP server
 * (GreenMail), then resolves, each exactly once.
 */
@ExtendWith(RealServers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertsApiTest {

    static final String ALIAS = "alerts_api_it";
    ConsoleFixture console;
    GreenMail smtp;
    String osUrl;

    @BeforeAll
    void start(EtcdServer etcd, OpenSearchServer os, @TempDir Path dir) throws Exception {
        osUrl = os.httpUrl();
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        console = new ConsoleFixture(dir, etcd.endpoint(), osUrl, "", ALIAS, Clock.systemUTC(), """
                [alerts]
                interval_seconds = 1
                lease_seconds = 5
                smtp_host = 127.0.0.1
                smtp_port = %d
                starttls = false
                from = logagent@test.local
                """.formatted(smtp.getSmtp().getPort()));
        OpenSearchSeed.createIndex(osUrl, ALIAS + "-2026.12.02", List.of(ALIAS));
    }

    @AfterAll
    void stop() throws Exception {
        console.close();
        smtp.stop();
    }

    @Test
    void rulesAreValidatedComparedAndSwappedAuditedAndRoleChecked() {
        try (Api admin = console.admin()) {
            Api.Response bad = admin.put("/api/alerts/api-bad", map("value",
                    "{\"kind\":\"query\",\"window\":\"soon\",\"threshold\":1}", "expectedRevision", 0));
            assertThat(bad.status()).isEqualTo(400);
            assertThat(texts(bad.json().path("problems"))).contains("missing 'query'",
                    "'window' must be a whole number with a unit s, m, h or d, e.g. \"30s\", \"5m\", \"1h\", got \"soon\"");

            String rule = "{\"kind\":\"entry_error\",\"host\":\"10.99.0.1\"}";
            Api.Response created = admin.put("/api/alerts/api-rule", map("value", rule, "expectedRevision", 0));
            assertThat(created.status()).isEqualTo(200);
            long revision = created.json().path("revision").asLong();
            assertThat(created.json().path("summary").asText()).isEqualTo("entries in error (10.99.0.1) > 0");

            Api.Response stale = admin.put("/api/alerts/api-rule", map("value", rule, "expectedRevision", 0));
            assertThat(stale.status()).isEqualTo(409);
            assertThat(stale.json().path("revision").asLong()).isEqualTo(revision);

            assertThat(admin.put("/api/users/alert-viewer", map("role", "viewer", "password", "viewer-pass-1"))
                    .status()).isEqualTo(200);
            try (Api viewer = console.anonymous().basic("alert-viewer", "viewer-pass-1")) {
                assertThat(viewer.get("/api/alerts/api-rule").json().path("value").asText()).isEqualTo(rule);
                assertThat(viewer.put("/api/alerts/api-rule", map("value", rule, "expectedRevision", revision))
                        .status()).isEqualTo(403);
                assertThat(viewer.delete("/api/alerts/api-rule?revision=" + revision).status()).isEqualTo(403);
            }
            JsonNode audit = admin.get("/api/audit").json();
            assertThat(StreamSupport.stream(audit.spliterator(), false).map(a -> a.path("key").asText()))
                    .contains("/logagent/alerts/api-rule");

            assertThat(admin.delete("/api/alerts/api-rule").status()).isEqualTo(400);
            assertThat(admin.delete("/api/alerts/api-rule?revision=" + (revision - 1)).status()).isEqualTo(409);
            assertThat(admin.delete("/api/alerts/api-rule?revision=" + revision).status()).isEqualTo(204);
            assertThat(admin.get("/api/alerts/api-rule").status()).isEqualTo(404);
            assertThat(admin.get("/api/alerts/collect_config").status()).isEqualTo(400);
        }
    }

    @Test
    void aQueryRuleFiresToWebhookAndEmailOnceAndResolves() throws Exception {
        try (WebhookReceiver hook = new WebhookReceiver(); Api admin = console.admin()) {
            hook.failNext(1); // the receiver is down at first: the firing message must come with the retry
            String rule = """
                    {"kind":"query","query":"level:ERROR AND topic:alerts_api","window":"1h","threshold":10,"op":">",
                     "notify":[{"webhook":"%s"},{"email":"ops@example.com"}],"repeat":"1h"}""".formatted(hook.url());
            assertThat(admin.put("/api/alerts/api-errors", map("value", rule, "expectedRevision", 0)).status())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(15)).until(() -> admin.get("/api/alerts/api-errors").json()
                    .path("state").path("lastValue").isNumber());

            List<String> docs = new ArrayList<>();
            for (int i = 1; i <= 11; i++) {
                docs.add("{\"@timestamp\":\"" + Instant.now() + "\",\"topic\":\"alerts_api\",\"level\":\"ERROR\","
                        + "\"message\":\"payment failed " + i + "\"}");
            }
            OpenSearchSeed.index(osUrl, ALIAS + "-2026.12.02", docs.subList(0, 10));
            Thread.sleep(2_500); // two rounds at 10: not above the threshold, nothing may fire
            assertThat(hook.received()).isEmpty();
            assertThat(hook.refused()).isZero();
            OpenSearchSeed.index(osUrl, ALIAS + "-2026.12.02", docs.subList(10, 11));

            await().atMost(Duration.ofSeconds(30)).until(() -> hook.states().contains("firing"));
            assertThat(hook.refused()).isEqualTo(1);
            JsonNode firing = hook.received().getFirst();
            assertThat(firing.path("rule").asText()).isEqualTo("api-errors");
            assertThat(firing.path("value").asDouble()).isEqualTo(11);
            assertThat(firing.path("threshold").asDouble()).isEqualTo(10);
            assertThat(firing.path("window").asText()).isEqualTo("1h");
            assertThat(firing.path("link").asText()).startsWith("http://127.0.0.1:" + console.server.port()
                    + "/#search?q=level%3AERROR%20AND%20topic%3Aalerts_api&from=");

            assertThat(smtp.waitForIncomingEmail(20_000, 1)).isTrue();
            MimeMessage mail = smtp.getReceivedMessages()[0];
            assertThat(mail.getSubject()).isEqualTo("[logagent] api-errors firing: 11 (> 10)");
            assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("ops@example.com");

            deleteAll("topic:alerts_api");
            await().atMost(Duration.ofSeconds(30)).until(() -> hook.states().contains("resolved"));
            Thread.sleep(2_500); // a few more rounds: still exactly one of each
            assertThat(hook.states()).containsExactly("firing", "resolved");
            assertThat(smtp.getReceivedMessages()).extracting(MimeMessage::getSubject).containsExactly(
                    "[logagent] api-errors firing: 11 (> 10)", "[logagent] api-errors resolved: 0 (> 10)");

            JsonNode history = admin.get("/api/alerts/api-errors/history").json();
            assertThat(StreamSupport.stream(history.spliterator(), false).map(h -> h.path("event").asText()))
                    .containsExactly("resolved", "firing");
            JsonNode listed = admin.get("/api/alerts").json();
            assertThat(listed.path("evaluator").asText()).startsWith("http://127.0.0.1:" + console.server.port() + "#");
            JsonNode state = admin.get("/api/alerts/api-errors").json().path("state");
            assertThat(state.path("state").asText()).isEqualTo("OK");
            assertThat(state.path("outbox")).isEmpty();
            assertThat(state.path("deliveryError").isNull()).isTrue();
            long revision = admin.get("/api/alerts/api-errors").json().path("revision").asLong();
            assertThat(admin.delete("/api/alerts/api-errors?revision=" + revision).status()).isEqualTo(204);
            assertThat(admin.get("/api/alerts/api-errors/history").status()).isEqualTo(404);
        }
    }

    private void deleteAll(String q) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(osUrl + "/" + ALIAS
                            + "/_delete_by_query?refresh=true&q=" + java.net.URLEncoder.encode(q, "UTF-8")))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
