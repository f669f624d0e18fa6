package io.logagent.console.auth;

import io.logagent.console.Api;
import io.logagent.console.ConsoleFixture;
import io.logagent.console.ConsoleServer;
import io.logagent.console.MutableClock;
import io.logagent.stack.EtcdServer;
import io.logagent.stack.junit.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static io.logagent.console.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

/** Authentication, roles, CSRF and the login rate limit, over real HTTP. */
@ExtendWith(RealServers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthApiTest {

    static final String CONFIG = "[{\"path\":\"/var/log/a.log\",\"topic\":\"a\"}]";
    MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));
    ConsoleFixture console;
    Api admin;

    @BeforeAll
    void start(EtcdServer etcd, @TempDir Path dir) {
        console = new ConsoleFixture(dir, etcd.endpoint(), "http://127.0.0.1:9", "", "logagent", clock);
        admin = console.admin();
        assertThat(admin.put("/api/users/vera", map("role", "viewer", "password", "viewer-pass-1")).status()).isEqualTo(200);
        assertThat(admin.put("/api/users/ed", map("role", "editor", "password", "editor-pass-1")).status()).isEqualTo(200);
        assertThat(admin.put("/api/users/rita", map("role", "viewer", "password", "rita-pass-1")).status()).isEqualTo(200);
    }

    @AfterAll
    void stop() throws Exception {
        admin.close();
        console.close();
    }

    Api api() {
        return new Api(console.server.port());
    }

    @Test
    void unauthenticatedApiIs401ButThePageAndHealthArePublic() throws Exception {
        try (Api anon = api()) {
            assertThat(anon.get("/api/search").status()).isEqualTo(401);
            assertThat(anon.get("/api/search").raw().headers().firstValue("WWW-Authenticate"))
                    .contains("Basic realm=\"logagent\", charset=\"UTF-8\"");
            assertThat(anon.get("/api/hosts").status()).isEqualTo(401);
            assertThat(anon.put("/api/hosts/10.2.0.1/config", map("value", CONFIG, "expectedRevision", 0)).status()).isEqualTo(401);
            assertThat(anon.get("/").status()).isEqualTo(200);
            assertThat(anon.get("/").body()).contains("<script type=\"module\" src=\"/js/app.js\">");
            assertThat(anon.get("/health").status()).isEqualTo(200);
        }
        // The page's own requests are challenged with a scheme browsers do not prompt for (the login form shows).
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            var page = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            "http://127.0.0.1:" + console.server.port() + "/api/hosts"))
                    .header("X-Requested-With", "logagent-console").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(401);
            assertThat(page.headers().firstValue("WWW-Authenticate")).contains("Session realm=\"logagent\"");
        }
        try (Api wrong = api().basic("admin", "not-the-password")) {
            assertThat(wrong.get("/api/hosts").status()).isEqualTo(401);
            assertThat(wrong.get("/api/hosts").raw().headers().firstValue("WWW-Authenticate")).isPresent();
        }
    }

    @Test
    void viewerCannotWriteEditorCanButCannotManageUsers() {
        try (Api viewer = api().basic("vera", "viewer-pass-1"); Api editor = api().basic("ed", "editor-pass-1")) {
            assertThat(viewer.get("/api/hosts").status()).isEqualTo(200);
            assertThat(viewer.put("/api/hosts/10.2.0.2/config", map("value", CONFIG, "expectedRevision", 0)).status()).isEqualTo(403);
            assertThat(editor.put("/api/hosts/10.2.0.2/config", map("value", CONFIG, "expectedRevision", 0)).status()).isEqualTo(200);
            assertThat(editor.get("/api/users").status()).isEqualTo(403);
            assertThat(editor.put("/api/users/mallory", map("role", "admin", "password", "mallory-pass")).status()).isEqualTo(403);
        }
    }

    @Test
    void sessionWritesNeedTheSessionsCsrfToken() {
        try (Api browser = api(); Api other = api()) {
            assertThat(browser.login("ed", "editor-pass-1").status()).isEqualTo(200);
            assertThat(browser.login("ed", "editor-pass-1").raw().headers().firstValue("Set-Cookie").orElseThrow())
                    .contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
            assertThat(browser.get("/api/me").json().path("role").asText()).isEqualTo("editor");
            assertThat(browser.put("/api/hosts/10.2.0.3/config", map("value", CONFIG, "expectedRevision", 0)).status()).isEqualTo(200);

            browser.csrf(null);
            assertThat(browser.put("/api/hosts/10.2.0.4/config", map("value", CONFIG, "expectedRevision", 0)).status()).isEqualTo(403);
            assertThat(other.login("ed", "editor-pass-1").status()).isEqualTo(200);
            browser.csrf(other.get("/api/me").json().path("csrfToken").asText()); // a token of another session
            assertThat(browser.put("/api/hosts/10.2.0.4/config", map("value", CONFIG, "expectedRevision", 0)).status()).isEqualTo(403);
            browser.csrf("forged");
            assertThat(browser.post("/api/logout", map()).status()).isEqualTo(403);
        }
    }

    @Test
    void repeatedFailedLoginsForOneUserAreRateLimitedUntilTheWindowPasses() {
        clock.advance(ConsoleServer.LOGIN_WINDOW.plusSeconds(1)); // forget other tests' failures from this address
        try (Api attacker = api(); Api script = api().basic("rita", "rita-pass-1")) {
            for (int i = 0; i < ConsoleServer.LOGIN_MAX_FAILURES_PER_USER; i++) {
                assertThat(attacker.login("rita", "guess-" + i).status()).isEqualTo(401);
            }
            Api.Response limited = attacker.login("rita", "rita-pass-1"); // even the right password
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.raw().headers().firstValue("Retry-After")).isPresent();
            assertThat(script.get("/api/me").status()).isEqualTo(429); // Basic counts against the same limit
            assertThat(attacker.login("vera", "viewer-pass-1").status()).isEqualTo(200); // other users unaffected
            clock.advance(ConsoleServer.LOGIN_WINDOW.plusSeconds(1));
            assertThat(attacker.login("rita", "rita-pass-1").status()).isEqualTo(200);
        }
    }

    @Test
    void manyFailuresFromOneAddressBlockThatAddressForEveryUser() {
        clock.advance(ConsoleServer.LOGIN_WINDOW.plusSeconds(1));
        try (Api attacker = api()) {
            for (int i = 0; i < ConsoleServer.LOGIN_MAX_FAILURES_PER_IP; i++) {
                assertThat(attacker.login("nobody-" + i, "guess").status()).isEqualTo(401);
            }
            assertThat(attacker.login("vera", "viewer-pass-1").status()).isEqualTo(429);
            clock.advance(ConsoleServer.LOGIN_WINDOW.plusSeconds(1));
            assertThat(attacker.login("vera", "viewer-pass-1").status()).isEqualTo(200);
        }
    }

    @Test
    void logoutEndsTheSession() {
        try (Api browser = api()) {
            browser.login("vera", "viewer-pass-1");
            assertThat(browser.post("/api/logout", map()).status()).isEqualTo(204);
            assertThat(browser.get("/api/me").status()).isEqualTo(401);
        }
    }
}
