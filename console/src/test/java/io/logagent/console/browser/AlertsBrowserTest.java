package io.logagent.console.browser;

import io.logagent.console.Api;
import io.logagent.console.ConsoleFixture;
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
import java.time.Duration;
import java.time.Instant;

import static io.logagent.console.Api.map;
import static io.logagent.console.ConsoleFixture.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Alerts tab in a real browser: an editor adds a rule in the form (a bad one is refused with the field named),
 * sees it evaluated and firing (a host with a config and no agent), opens its history, mutes it; a viewer sees the
 * rules but no edit control.
 */
@ExtendWith(RealServers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertsBrowserTest {

    static final String HOST = "10.67.0.1";
    ConsoleFixture console;
    Api admin;
    Browser browser;

    @BeforeAll
    void start(EtcdServer etcd, OpenSearchServer os, @TempDir Path dir) throws Exception {
        console = new ConsoleFixture(dir, etcd.endpoint(), os.httpUrl(), "", "alerts_browser_it", Clock.systemUTC(),
                "[alerts]\ninterval_seconds = 1\nlease_seconds = 5\n");
        admin = console.admin();
        Api.Response r = admin.put("/api/hosts/" + HOST + "/config",
                map("value", "[{\"path\":\"/var/log/a.log\",\"topic\":\"a\"}]", "expectedRevision", 0));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        browser = Browser.open(console.server.port());
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (admin != null) {
            long revision = admin.get("/api/alerts/host-down").json().path("revision").asLong();
            admin.delete("/api/alerts/host-down?revision=" + revision);
            admin.close();
        }
        if (console != null) {
            console.close();
        }
    }

    WebElement row(String rule) {
        return browser.waitVisible(By.cssSelector("#alerts-table tr[data-rule='" + rule + "']"));
    }

    @Test
    void editorAddsEvaluatesMutesAndReadsHistory() throws Exception {
        browser.openLoggedIn("#alerts", "admin", ADMIN_PASSWORD);
        browser.waitVisible(By.id("alert-form"));
        browser.driver.findElement(By.id("alert-name")).sendKeys("host-down");
        WebElement value = browser.driver.findElement(By.id("alert-value"));
        value.sendKeys("{\"kind\":\"agent_offline\",\"host\":\"" + HOST + "\",\"for\":\"soon\"}");
        browser.driver.findElement(By.cssSelector("#alert-form button[type=submit]")).click();
        browser.waiting().until(d -> d.findElement(By.id("alert-problems")).getText()
                .contains("'for' must be a whole number with a unit s, m, h or d"));

        value.clear();
        value.sendKeys("{\"kind\":\"agent_offline\",\"host\":\"" + HOST + "\"}");
        browser.driver.findElement(By.cssSelector("#alert-form button[type=submit]")).click();
        browser.waiting().until(d -> d.findElement(By.id("alerts-message")).getText().equals("host-down saved"));
        assertThat(row("host-down").getText()).contains("agents offline (" + HOST + ") > 0");

        // The host has a config and no agent reports for it: firing within a few rounds (the tab refreshes itself).
        browser.waiting().withTimeout(Duration.ofSeconds(20)).until(d ->
                "FIRING".equals(row("host-down").getAttribute("data-state")));
        assertThat(row("host-down").findElement(By.cssSelector(".pill")).getText()).isEqualTo("firing");
        assertThat(row("host-down").findElement(By.cssSelector(".last-value")).getText()).isEqualTo("1");
        assertThat(browser.driver.findElement(By.id("alerts-evaluator")).getText())
                .startsWith("evaluated by http://127.0.0.1:" + console.server.port());

        row("host-down").findElement(By.cssSelector("button.history")).click();
        browser.waitVisible(By.cssSelector("#alert-history tr[data-event='firing']"));

        row("host-down").findElement(By.cssSelector("button.mute")).click();
        browser.waiting().until(d -> !row("host-down").findElement(By.cssSelector(".muted-until")).getText().isEmpty());
        String mute = admin.get("/api/alerts/host-down").json().path("muteUntil").asText();
        assertThat(Instant.parse(mute)).isBetween(Instant.now().plus(Duration.ofMinutes(58)),
                Instant.now().plus(Duration.ofMinutes(61)));
        browser.screenshot("alerts-tab");

        assertThat(admin.put("/api/users/alert-vera", map("role", "viewer", "password", "vera-pass-1")).status())
                .isEqualTo(200);
        try (Browser viewer = Browser.open(console.server.port())) {
            viewer.openLoggedIn("#alerts", "alert-vera", "vera-pass-1");
            viewer.waitVisible(By.cssSelector("#alerts-table tr[data-rule='host-down']"));
            assertThat(viewer.driver.findElement(By.id("alert-form")).isDisplayed()).isFalse();
            assertThat(viewer.all("#alerts-table button.mute").stream().noneMatch(WebElement::isDisplayed)).isTrue();
            assertThat(viewer.all("#alerts-table button.history").stream().anyMatch(WebElement::isDisplayed)).isTrue();
        }
    }
}
