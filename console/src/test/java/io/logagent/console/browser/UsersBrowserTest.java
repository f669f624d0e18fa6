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
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.StreamSupport;

import static io.logagent.console.Api.map;
import static io.logagent.console.ConsoleFixture.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * User administration in a real browser: an admin adds a viewer, who sees neither the Users tab nor any config
 * edit control and whose writes the API refuses even when sent by hand; promoting the user to editor logs them out
 * and, after a new login, shows the edit controls; deleting the user locks them out.
 */
@ExtendWith(RealServers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsersBrowserTest {

    static final String HOST = "10.66.0.1";
    static final String USER = "vera";
    static final String PASSWORD = "vera-pass-1";

    ConsoleFixture console;
    Api admin;
    Browser browser;

    @BeforeAll
    void start(EtcdServer etcd, OpenSearchServer os, @TempDir Path dir) throws Exception {
        console = new ConsoleFixture(dir, etcd.endpoint(), os.httpUrl(), "", "users_browser_it", Clock.systemUTC());
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
            admin.close();
        }
        if (console != null) {
            console.close();
        }
    }

    String role(String user) {
        return StreamSupport.stream(admin.get("/api/users").json().spliterator(), false)
                .filter(u -> u.path("name").asText().equals(user)).map(u -> u.path("role").asText()).findFirst().orElse(null);
    }

    WebElement userRow(Browser b, String user) {
        return b.waitVisible(By.cssSelector("#user-table tr[data-user='" + user + "']"));
    }

    String message(Browser b) {
        return b.driver.findElement(By.id("users-message")).getText();
    }

    boolean shown(Browser b, String css) {
        return b.all(css).stream().anyMatch(WebElement::isDisplayed);
    }

    /** The HTTP status of a config write sent from the page with the session's own cookie and CSRF token. */
    long writeFromThePage(Browser b) {
        return (Long) b.js("return fetch('/api/me').then(r => r.json()).then(me => fetch('/api/hosts/" + HOST + "/config', "
                + "{method: 'PUT', headers: {'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken}, "
                + "body: JSON.stringify({value: '[]', expectedRevision: 0})})).then(r => r.status)");
    }

    int status(String user, String password) {
        try (Api api = new Api(console.server.port()).basic(user, password)) {
            return api.get("/api/me").status();
        }
    }

    @Test
    void anAdminManagesUsersAndAViewerCanOnlyLook() throws Exception {
        browser.openLoggedIn("#users", "admin", ADMIN_PASSWORD);
        WebElement tab = browser.waitVisible(By.cssSelector("#tabs a[data-tab=users]"));
        assertThat(tab.getDomAttribute("class")).contains("active");
        WebElement adminRow = userRow(browser, "admin");
        assertThat(adminRow.findElement(By.cssSelector("button.delete")).isEnabled()).as("built-in admin").isFalse();

        // Add a viewer.
        WebElement form = browser.driver.findElement(By.id("new-user"));
        form.findElement(By.name("name")).sendKeys(USER);
        new Select(form.findElement(By.name("role"))).selectByValue("viewer");
        form.findElement(By.name("password")).sendKeys(PASSWORD);
        form.findElement(By.cssSelector("button[type=submit]")).click();
        browser.waiting().until(d -> message(browser).equals("added " + USER + " (viewer)"));
        assertThat(new Select(userRow(browser, USER).findElement(By.cssSelector("select.role")))
                .getFirstSelectedOption().getText()).isEqualTo("viewer");
        assertThat(role(USER)).isEqualTo("viewer");
        browser.screenshot("users");

        try (Browser viewer = Browser.open(console.server.port())) {
            // The viewer: no Users tab, no edit controls, and writes refused by the API all the same.
            viewer.openLoggedIn("#hosts", USER, PASSWORD);
            assertThat(viewer.driver.findElement(By.id("who")).getText()).isEqualTo(USER + " · viewer");
            assertThat(shown(viewer, "#tabs a[data-tab=users]")).isFalse();
            assertThat(shown(viewer, "#tabs a[data-tab=hosts]")).isTrue();
            viewer.waitVisible(By.cssSelector("#host-table tr[data-host='" + HOST + "']")).click();
            viewer.waiting().until(d -> d.findElement(By.id("editor-title")).getText().equals("Host " + HOST));
            assertThat(viewer.driver.findElement(By.id("editor-text")).getDomProperty("readOnly")).isEqualTo("true");
            assertThat(shown(viewer, "#editor-diff, #editor-save, #new-group")).isFalse();
            assertThat(writeFromThePage(viewer)).isEqualTo(403);
            viewer.screenshot("users-viewer-hosts");
            viewer.open("#users"); // typed by hand: the page shows the API's refusal, no user list
            viewer.waiting().until(d -> d.findElement(By.id("users")).getText().contains("needs the admin role"));
            assertThat(viewer.all("#user-table tbody tr")).isEmpty();

            // Promote to editor: the viewer's session ends; after logging in again the edit controls are there.
            WebElement row = userRow(browser, USER);
            new Select(row.findElement(By.cssSelector("select.role"))).selectByValue("editor");
            row.findElement(By.cssSelector("button.save")).click();
            browser.waiting().until(d -> message(browser).equals("saved " + USER + " (editor)"));
            assertThat(role(USER)).isEqualTo("editor");
            viewer.openLoggedIn("#hosts", USER, PASSWORD);
            assertThat(viewer.driver.findElement(By.id("who")).getText()).isEqualTo(USER + " · editor");
            assertThat(shown(viewer, "#new-group")).isTrue();
            assertThat(shown(viewer, "#tabs a[data-tab=users]")).isFalse();

            // A new password from the admin: the old one stops working.
            row = userRow(browser, USER);
            row.findElement(By.cssSelector("input.password")).sendKeys("vera-pass-2");
            row.findElement(By.cssSelector("button.save")).click();
            browser.waiting().until(d -> message(browser).equals("saved " + USER + " (editor, new password)"));
            assertThat(status(USER, PASSWORD)).isEqualTo(401);
            assertThat(status(USER, "vera-pass-2")).isEqualTo(200);

            // Delete: the first click only arms the button.
            WebElement delete = userRow(browser, USER).findElement(By.cssSelector("button.delete"));
            delete.click();
            assertThat(delete.getText()).isEqualTo("Click again to delete");
            assertThat(role(USER)).isEqualTo("editor");
            delete.click();
            browser.waiting().until(d -> message(browser).equals("deleted " + USER));
            assertThat(browser.all("#user-table tr[data-user='" + USER + "']")).isEmpty();
            assertThat(role(USER)).isNull();
            viewer.open("#hosts");
            viewer.waitVisible(By.id("login-form"));
            viewer.login(USER, "vera-pass-2");
            viewer.waiting().until(d -> d.findElement(By.id("login-error")).getText().contains("wrong user name or password"));
        }
    }
}
