package io.logagent.console.tls;

import io.logagent.console.ConsoleServer;
import io.logagent.console.config.ConsoleConfig;
import io.logagent.core.ini.IniFile;
import io.logagent.core.problem.ConnectionProblemException;
import io.logagent.core.tls.ClientTls;
import io.logagent.stack.OpenSearchServer;
import io.logagent.stack.junit.RealServers;
import io.logagent.stack.tls.CertificateAuthority;
import io.logagent.stack.tls.SearchTlsFront;
import io.logagent.stack.tls.SecuredSearchFronts;
import io.logagent.stack.tls.SearchTlsFront.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The console serving HTTPS from PEM files (Secure cookie, HSTS, no plain listener), and searching an OpenSearch
 * behind real HTTPS with basic auth as a read-only user; each wrong [es] setting stops it at start with its line.
 */
@ExtendWith(RealServers.class)
class SecuredConsoleIT {
    private static final String ADMIN_PASSWORD = "admin-secret-1";

    @TempDir
    static Path dir;
    private static SecuredSearchFronts fronts;

    @BeforeAll
    static void start(OpenSearchServer search) {
        List<User> users = List.of(new User("console", "c-secret", true), new User("writer", "w-secret", false));
        fronts = SecuredSearchFronts.start(dir, search.httpUrl(), users);
    }

    @AfterAll
    static void stop() {
        if (fronts != null) {
            fronts.close();
        }
    }

    private static ConsoleConfig config(String http, String es) {
        return ConsoleConfig.from(IniFile.parse("console.ini", """
                [http]
                port = 0
                %s
                [es]
                %s
                index = secured-logs
                [auth]
                admin_password = %s
                [console]
                data_dir = %s
                """.formatted(http, es, ADMIN_PASSWORD, dir.resolve("console-data"))), Map.of());
    }

    private static String es(String address, String user, String password, Path caFile) {
        return "address = " + address + "\nusername = " + user + "\npassword = " + password
                + (caFile == null ? "" : "\nca_file = " + caFile);
    }

    @Test
    void servesHttpsWithSecureCookiesAndHstsAndSearchesThroughTheTlsFront() throws Exception {
        indexThroughTheFront("{\"@timestamp\":\"" + Instant.now() + "\",\"message\":\"secured hello\",\"host\":\"h1\"}");
        CertificateAuthority.Identity identity = fronts.ca().issue("console", "ip:127.0.0.1", "dns:localhost");
        ConsoleServer console = ConsoleServer.create(config(
                "tls_cert_file = " + identity.certChainPem() + "\ntls_key_file = " + identity.keyPem(),
                es(fronts.good().httpsUrl(), "console", "c-secret", fronts.ca().certPem())), Clock.systemUTC());
        console.start();
        try (HttpClient https = HttpClient.newBuilder().sslContext(ClientTls.verifying(Optional.of(fronts.ca().certPem()), "test"))
                .build(); HttpClient plain = HttpClient.newHttpClient()) {
            String base = "https://127.0.0.1:" + console.port();
            assertThat(console.scheme()).isEqualTo("https");

            HttpResponse<String> login = https.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).startsWith("logagent_session=").contains("Secure").contains("HttpOnly")
                    .containsIgnoringCase("SameSite=Strict");
            assertThat(login.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");

            HttpResponse<String> found = https.send(HttpRequest.newBuilder(URI.create(base + "/api/search?q=secured"))
                    .header("Authorization", basic("admin:" + ADMIN_PASSWORD)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
            assertThat(found.body()).contains("secured hello");

            assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + console.port()
                    + "/api/me")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
        } finally {
            console.stop();
        }
    }

    @Test
    void eachWrongSearchSettingStopsTheConsoleAtStartNamingServerAndSetting() {
        String url = fronts.good().httpsUrl();
        assertRefused(es(url, "console", "wrong", fronts.ca().certPem()),
                "es " + url + " refused user 'console': wrong [es] password (or [es] username)");
        assertRefused(es(url, "console", "c-secret", fronts.unknownCa().certPem()),
                "es " + url + " presented a certificate signed by an unknown CA: [es] ca_file " + fronts.unknownCa().certPem());
        assertRefused(es(fronts.wrongHost().httpsUrl(), "console", "c-secret", fronts.ca().certPem()),
                "es " + fronts.wrongHost().httpsUrl() + " presented a certificate that does not name host 127.0.0.1");
        assertRefused(es(fronts.expired().httpsUrl(), "console", "c-secret", fronts.ca().certPem()),
                "es " + fronts.expired().httpsUrl() + " presented an expired certificate");
    }

    @Test
    void aHalfConfiguredTlsIsAConfigurationError() {
        assertThatThrownBy(() -> config("tls_cert_file = /etc/console.pem", es(fronts.good().httpsUrl(), "c", "p", null)))
                .hasMessageContaining("[http] tls_cert_file and [http] tls_key_file must be set together");
    }

    private static void assertRefused(String esLines, String expectedStart) {
        assertThatThrownBy(() -> ConsoleServer.create(config("", esLines), Clock.systemUTC()))
                .isInstanceOf(ConnectionProblemException.class).hasMessageStartingWith(expectedStart)
                .hasMessageNotContaining("c-secret");
    }

    /** Creates the index with the transfer's field types (the console sorts on them), then stores {@code doc}. */
    private static void indexThroughTheFront(String doc) throws Exception {
        try (HttpClient https = HttpClient.newBuilder().sslContext(ClientTls.verifying(Optional.of(fronts.ca().certPem()), "test")).build()) {
            HttpResponse<String> created = https.send(HttpRequest.newBuilder(URI.create(fronts.good().httpsUrl()
                            + "/secured-logs")).header("Authorization", basic("writer:w-secret"))
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("""
                            {"mappings":{"properties":{"@timestamp":{"type":"date"},"offset":{"type":"long"},
                             "host":{"type":"keyword"},"path":{"type":"keyword"},"file_id":{"type":"keyword"},
                             "level":{"type":"keyword"},"topic":{"type":"keyword"},"message":{"type":"text"}}}}""")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create(fronts.good().httpsUrl()
                            + "/secured-logs/_doc?refresh=true")).header("Authorization", basic("writer:w-secret"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(doc)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
