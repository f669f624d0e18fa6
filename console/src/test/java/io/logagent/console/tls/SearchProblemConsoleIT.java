package io.logagent.console.tls;

import io.logagent.console.Api;
import io.logagent.console.ConsoleServer;
import io.logagent.console.browser.Browser;
import io.logagent.console.config.ConsoleConfig;
import io.logagent.core.ini.IniFile;
import io.logagent.stack.EtcdServer;
import io.logagent.stack.OpenSearchServer;
import io.logagent.stack.junit.RealServers;
import io.logagent.stack.tls.SearchTlsFront.User;
import io.logagent.stack.tls.SecuredSearchFronts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Pipeline page names the search engine's current problem: after the cluster's password for the console's user
 * changed under the running console (OpenSearch behind the stack's {@code SearchTlsFront}), {@code /api/pipeline}
 * and the page show the one line naming the setting to fix; once the password is right again, the line is gone.
 */
@ExtendWith(RealServers.class)
class SearchProblemConsoleIT {

    static final String ADMIN_PASSWORD = "admin-secret-1";

    @Test
    void aRefusedPasswordIsShownOnThePipelinePageUntilItIsFixed(OpenSearchServer search, EtcdServer etcd,
                                                                @TempDir Path dir) throws Exception {
        try (SecuredSearchFronts fronts = SecuredSearchFronts.start(dir.resolve("certs"), search.httpUrl(),
                List.of(new User("console", "first", true)))) {
            ConsoleServer console = ConsoleServer.create(ConsoleConfig.from(IniFile.parse("console.ini", """
                    [http]
                    port = 0
                    [es]
                    address = %s
                    username = console
                    password = first
                    ca_file = %s
                    index = problem-logs
                    [etcd]
                    address = %s
                    [auth]
                    admin_password = %s
                    [console]
                    data_dir = %s
                    """.formatted(fronts.good().httpsUrl(), fronts.ca().certPem(), etcd.endpoint(), ADMIN_PASSWORD,
                    dir.resolve("console"))), Map.of()), Clock.systemUTC());
            console.start();
            try (Api api = new Api(console.port()).basic("admin", ADMIN_PASSWORD)) {
                assertThat(searchProblems(api)).isEmpty();

                fronts.good().putUser(new User("console", "second", true)); // changed on the cluster, not in the ini
                String line = "es " + fronts.good().httpsUrl()
                        + " refused user 'console': wrong [es] password (or [es] username)";
                assertThat(searchProblems(api)).containsExactly(line);
                try (Browser browser = Browser.open(console.port())) {
                    browser.openLoggedIn("#pipeline", "admin", ADMIN_PASSWORD);
                    browser.waiting().until(d -> d.findElement(By.id("search-problem")).getText()
                            .equals("Search engine: " + line));
                    browser.screenshot("pipeline-search-problem");
                }

                fronts.good().putUser(new User("console", "first", true));
                assertThat(searchProblems(api)).isEmpty();
            } finally {
                console.stop();
                assertThat(console.awaitStop(Duration.ofSeconds(10))).isTrue();
            }
        }
    }

    static List<String> searchProblems(Api api) {
        Api.Response r = api.get("/api/pipeline");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().path("search").path("problems").forEach(p -> out.add(p.asText()));
        return out;
    }
}
