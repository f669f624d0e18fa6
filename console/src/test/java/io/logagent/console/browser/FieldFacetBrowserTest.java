package io.logagent.console.browser;

import io.logagent.console.ConsoleFixture;
import io.logagent.console.search.FieldFacetSeed;
import io.logagent.stack.EtcdServer;
import io.logagent.stack.OpenSearchServer;
import io.logagent.stack.junit.RealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static io.logagent.console.ConsoleFixture.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The facet of any keyword field in a real browser: the user picks {@code fields.env} from the fields the index maps,
 * sees its top values with counts, filters for one value, then (the field stays chosen) filters another one out.
 */
@ExtendWith(RealServers.class)
class FieldFacetBrowserTest {

    static final String ALIAS = "field_facets_browser";

    @Test
    void pickAKeywordFieldThenFilterForAndOutOfItsValues(OpenSearchServer os, EtcdServer etcd, @TempDir Path dir)
            throws Exception {
        FieldFacetSeed.seed(os.httpUrl(), ALIAS, Instant.now());
        try (ConsoleFixture console = new ConsoleFixture(dir, etcd.endpoint(), os.httpUrl(), "", ALIAS,
                Clock.systemUTC()); Browser browser = Browser.open(console.server.port())) {
            browser.openLoggedIn("#search?from=now-1h", "admin", ADMIN_PASSWORD);
            browser.waiting().until(d -> d.findElement(By.id("total")).getText().equals("6 hits"));
            WebElement choice = browser.waitVisible(By.id("field-choice"));
            List<String> offered = new Select(choice).getOptions().stream().map(WebElement::getText).toList();
            assertThat(offered).contains("fields.env", "json.user", "json.note.raw").doesNotContain("message");

            new Select(choice).selectByVisibleText("fields.env");
            browser.waiting().until(d -> d.findElements(By.cssSelector("#field-values button.facet")).size() == 2);
            assertThat(browser.all("#field-values button.facet")).extracting(WebElement::getText)
                    .containsExactly("prod\n3", "staging\n1");
            assertThat(browser.driver.findElement(By.cssSelector("#field-values .field-notes")).getText())
                    .isEqualTo("2 without fields.env");
            browser.screenshot("field-facet");

            browser.all("#field-values button.facet").get(0).click(); // filter for prod
            browser.waiting().until(d -> d.findElement(By.id("total")).getText().equals("3 hits"));
            assertThat(browser.driver.findElement(By.id("q")).getDomProperty("value")).isEqualTo("fields.env:\"prod\"");

            // A new search keeps the field chosen; filter json.user bob out of all lines.
            browser.driver.findElement(By.id("q")).clear();
            browser.driver.findElement(By.cssSelector("#search-form button[type=submit]")).click();
            browser.waiting().until(d -> d.findElement(By.id("total")).getText().equals("6 hits"));
            new Select(browser.waitVisible(By.id("field-choice"))).selectByVisibleText("json.user");
            browser.waiting().until(d -> d.findElements(By.cssSelector("#field-values button.facet")).size() == 2);
            browser.all("#field-values button.facet-out").get(1).click(); // "−" beside bob
            browser.waiting().until(d -> d.findElement(By.id("total")).getText().equals("5 hits"));
            assertThat(browser.driver.findElement(By.id("q")).getDomProperty("value")).isEqualTo("NOT json.user:\"bob\"");
            browser.waiting().until(d -> "json.user".equals(d.findElement(By.id("field-choice")).getDomProperty("value"))
                    && d.findElements(By.cssSelector("#field-values button.facet")).size() == 1);
            assertThat(browser.all("#field-values button.facet")).extracting(WebElement::getText)
                    .containsExactly("alice\n2");
        }
    }
}
