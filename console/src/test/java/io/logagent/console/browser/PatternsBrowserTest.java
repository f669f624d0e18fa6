package io.logagent.console.browser;

import io.logagent.console.ConsoleFixture;
import io.logagent.console.patterns.PatternDocs;
import io.logagent.console.search.OpenSearchSeed;
import io.logagent.stack.EtcdServer;
import io.logagent.stack.OpenSearchServer;
import io.logagent.stack.junit.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static io.logagent.console.ConsoleFixture.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Patterns tab in a real browser against a real OpenSearch: it takes the search screen's query, lists the
 * patterns by count with a sparkline and a "new" mark, shows a hostile template as text, and a click opens the
 * search for the pattern's id.
 */
@ExtendWith(RealServers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PatternsBrowserTest {

    static final String ALIAS = "patterns_browser";
    static final String HOSTILE = "<img src=x onerror=window.__xss=1> <*>";

    final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    ConsoleFixture console;
    Browser browser;

    @BeforeAll
    void start(OpenSearchServer os, EtcdServer etcd, @TempDir Path dir) throws Exception {
        OpenSearchSeed.createIndex(os.httpUrl(), ALIAS + "-1", List.of(ALIAS));
        List<String> docs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            docs.add(PatternDocs.doc(now.minusSeconds(60L * i + 5), "INFO", "user u" + i + " logged in", "a1",
                    "user <*> logged in"));
        }
        docs.add(PatternDocs.doc(now.minusSeconds(7200), "INFO", "user old logged in", "a1", "user <*> logged in"));
        for (int i = 0; i < 3; i++) {
            docs.add(PatternDocs.doc(now.minusSeconds(30L + i), "ERROR", "disk " + i + " full", "b2", "disk <*> full"));
        }
        docs.add(PatternDocs.doc(now.minusSeconds(40), "WARN", "<img src=x onerror=window.__xss=1> 7", "c3", HOSTILE));
        OpenSearchSeed.index(os.httpUrl(), ALIAS + "-1", docs);
        console = new ConsoleFixture(dir, etcd.endpoint(), os.httpUrl(), "", ALIAS, Clock.systemUTC());
        browser = Browser.open(console.server.port());
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (console != null) {
            console.close();
        }
    }

    @Test
    void listsThePatternsOfTheSearchAndOpensOne() throws Exception {
        browser.openLoggedIn("#search?q=level%3AERROR&from=now-1h&to=now", "admin", ADMIN_PASSWORD);
        browser.waiting().until(d -> d.findElements(By.cssSelector("#results tbody tr")).size() == 3);
        browser.driver.findElement(By.cssSelector("#tabs a[data-tab=patterns]")).click();
        List<WebElement> rows = loadedRows(1);
        assertThat(browser.driver.findElement(By.id("patterns-q")).getDomProperty("value")).isEqualTo("level:ERROR");
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().getDomAttribute("data-id")).isEqualTo("b2");

        browser.open("#patterns?q=&from=now-1h&to=now");
        rows = loadedRows(2);
        assertThat(rows).extracting(r -> r.getDomAttribute("data-id")).containsExactly("a1", "b2", "c3");
        assertThat(rows.get(0).findElement(By.cssSelector("td.num")).getText()).isEqualTo("8");
        assertThat(rows.get(0).findElements(By.cssSelector(".pill.new"))).as("first seen 2 h ago").isEmpty();
        assertThat(rows.get(1).findElements(By.cssSelector(".pill.new"))).hasSize(1);
        assertThat(rows.get(0).findElement(By.cssSelector("svg.sparkline polyline")).getDomAttribute("points"))
                .contains(",");
        assertThat(rows.get(2).findElement(By.cssSelector("button.pattern")).getText()).isEqualTo(HOSTILE);
        assertThat(browser.js("return window.__xss")).isNull();
        browser.screenshot("patterns");

        rows.get(1).findElement(By.cssSelector("button.pattern")).click();
        browser.waiting().until(d -> browser.hash().startsWith("#search?"));
        browser.waiting().until(d -> d.findElements(By.cssSelector("#results tbody tr")).size() == 3
                && d.findElement(By.id("q")).getDomProperty("value").equals("pattern_id:\"b2\""));
        assertThat(browser.driver.findElement(By.cssSelector("#results tbody")).getText()).contains("disk 0 full");
    }

    private List<WebElement> loadedRows(int loaded) {
        browser.waiting().until(d -> String.valueOf(loaded).equals(
                d.findElement(By.id("pattern-table")).getDomAttribute("data-loaded")));
        return browser.all("#pattern-table tbody tr");
    }
}
