package io.logagent.console.browser;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.logagent.agent.Agent;
import io.logagent.console.ConsoleFixture;
import io.logagent.console.RealAgents;
import io.logagent.console.search.OpenSearchSeed;
import io.logagent.stack.EtcdServer;
import io.logagent.stack.KafkaServer;
import io.logagent.stack.OpenSearchServer;
import io.logagent.stack.junit.RealServers;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.logagent.core.event.DeadLetterHeaders;
import io.logagent.core.event.LogHeaders;

import static io.logagent.console.ConsoleFixture.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Config management in a real browser with real agents (real etcd and Kafka): edit a host's collect config, review
 * the diff, save, and watch the agent report the new revision as applied; a stale save is refused with a conflict;
 * a stopped agent shows as offline. Also the pipeline and audit screens.
 */
@ExtendWith(RealServers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostsBrowserTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String ALIAS = "hosts_browser_it";

    ConsoleFixture console;
    Browser browser;
    Client etcd;
    /** Each agent may collect only from its own log directory, so a group's entry can be outside some members' reach. */
    RealAgents agents;
    String bootstrap;

    @BeforeAll
    void start(EtcdServer etcdServer, KafkaServer kafka, OpenSearchServer os, @TempDir Path dir) throws IOException {
        String etcdEndpoint = etcdServer.endpoint();
        bootstrap = kafka.bootstrapServers();
        agents = RealAgents.confinedToOwnLogs(dir, etcdEndpoint, bootstrap);
        etcd = Client.builder().endpoints(etcdEndpoint).build();
        try {
            OpenSearchSeed.createIndex(os.httpUrl(), "hosts_browser_logs-1", List.of(ALIAS));
            OpenSearchSeed.index(os.httpUrl(), "hosts_browser_logs-1", List.of("{\"@timestamp\":\"" + Instant.now()
                    + "\",\"topic\":\"browser_app\",\"host\":\"10.88.0.1\",\"message\":\"indexed\"}"));
        } catch (Exception e) {
            throw new IllegalStateException("cannot seed OpenSearch", e);
        }
        console = new ConsoleFixture(dir.resolve("console"), etcdEndpoint, os.httpUrl(), bootstrap, ALIAS, Clock.systemUTC());
        browser = Browser.open(console.server.port());
        browser.openLoggedIn("#hosts", "admin", ADMIN_PASSWORD);
    }

    @AfterEach
    void stopAgents() throws InterruptedException {
        agents.stopAll();
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        etcd.close();
        if (console != null) {
            console.close();
        }
    }

    /** A real agent for host {@code ip}, collecting from its own log directory. */
    Agent agent(String ip) throws IOException {
        return agents.start(ip, "");
    }

    /** ... following the groups named (comma-separated). */
    Agent agent(String ip, String groups) throws IOException {
        return agents.start(ip, groups);
    }

    Path logFile(String ip) throws IOException {
        Path file = agents.logs(ip).resolve("app.log");
        Files.writeString(file, "first line\n");
        return file;
    }

    /** The host's row, filtering the (paged) table down to it first: other test classes' hosts share this etcd. */
    WebElement hostRow(String ip) {
        filterHosts(ip);
        return browser.waitVisible(By.cssSelector("#host-table tr[data-host='" + ip + "']"));
    }

    void filterHosts(String text) {
        browser.js("const f = document.getElementById('host-filter');"
                + "if (f.value !== arguments[0]) { f.value = arguments[0]; f.dispatchEvent(new Event('input')); }", text);
    }

    void awaitRowText(String ip, String text) {
        browser.waiting().withTimeout(WAIT).until(d -> hostRow(ip).getText().contains(text));
    }

    void openEditor(String ip) {
        browser.open("#hosts");
        hostRow(ip).click();
        browser.waiting().until(d -> d.findElement(By.id("editor-title")).getText().equals("Host " + ip));
    }

    /** Review changes: the page checks the text with the server (allow_paths of the agents) before showing the diff. */
    void review() {
        browser.driver.findElement(By.id("editor-diff")).click();
        browser.waiting().until(d -> !browser.all("#editor-diff-view span").isEmpty());
    }

    void type(String text) {
        WebElement area = browser.driver.findElement(By.id("editor-text"));
        area.clear();
        area.sendKeys(text);
    }

    @Test
    void aSavedConfigIsReviewedAsADiffAndTheAgentReportsItApplied() throws Exception {
        String ip = "10.88.0.1";
        agent(ip);
        Path log = logFile(ip);
        browser.open("#hosts");
        awaitRowText(ip, "online");
        assertThat(hostRow(ip).getText()).contains("no config");

        openEditor(ip);
        assertThat(browser.driver.findElement(By.id("editor-revision")).getText()).isEqualTo("none (new key)");
        type("[{\"path\": \"" + log + "\", \"topic\": \"browser_app\"}]");
        review();
        List<WebElement> added = browser.all("#editor-diff-view span.add");
        assertThat(added).extracting(WebElement::getText).anySatisfy(t -> assertThat(t).startsWith("+").contains("app.log"));
        assertThat(browser.all("#editor-diff-view span.del")).isNotEmpty(); // the template text it replaces
        WebElement save = browser.driver.findElement(By.id("editor-save"));
        assertThat(save.isEnabled()).isTrue();
        save.click();

        browser.waiting().until(d -> d.findElement(By.id("editor-revision")).getText().endsWith("(saved)"));
        String revision = browser.driver.findElement(By.id("editor-revision")).getText().replace(" (saved)", "");
        assertThat(Long.parseLong(revision)).isPositive();
        browser.waiting().withTimeout(WAIT).until(d -> d.findElement(By.id("editor-applied")).getText()
                .equals("agent online, applied revision " + revision + " (applied)"));
        awaitRowText(ip, "applied");
        // Long paths are cut in the middle; the full path is the cell's title.
        browser.waiting().withTimeout(WAIT).until(d -> d.findElements(By.cssSelector("#file-table tbody td[title]")).stream()
                .anyMatch(td -> log.toString().equals(td.getDomAttribute("title"))));
        browser.screenshot("hosts");

        browser.open("#audit");
        browser.waiting().until(d -> d.findElement(By.cssSelector("#audit-table tbody")).getText().contains(ip));
        browser.screenshot("audit");
    }

    /**
     * Two agents follow group browser-web; the group's entry is inside one agent's allow_paths only: one applies the
     * revision, the other applies it in part and reports the refused entry, shown beside its host. (This test used
     * to expect "2 of 2 applied" in green beside that refusal; the truth is "1 of 2 applied, 1 partly applied".)
     */
    @Test
    void aGroupShowsWhichMemberHostsAppliedItsRevisionAndTheirErrors() throws Exception {
        agent("10.88.0.4", "browser-web");
        agent("10.88.0.5", "browser-web");
        Path log = logFile("10.88.0.4");
        put("/logagent/groups/browser-web/collect_config", "[{\"path\":\"" + log + "\",\"topic\":\"browser_app\"}]");
        browser.open("#hosts");
        // The table is rebuilt every 2 s: read each cell's text in one script call, never through a kept element.
        browser.waiting().withTimeout(WAIT).until(d ->
                "1 of 2 applied, 1 partly applied".equals(groupCells("browser-web", "td.rollout")));
        assertThat(groupCells("browser-web", "td.rollout.warn")).isEqualTo("1 of 2 applied, 1 partly applied");
        assertThat(groupCells("browser-web", "span.member[data-applied=true]")).isEqualTo("10.88.0.4 ✓");
        assertThat(groupCells("browser-web", "span.member[data-state='partly applied'].warn"))
                .isEqualTo("10.88.0.5 partly applied");
        browser.waiting().withTimeout(WAIT).until(d -> String.valueOf(groupCells("browser-web", "td:last-child"))
                .startsWith("10.88.0.5: " + log + ": "));
        assertThat(groupCells("browser-web", "td:last-child")).doesNotContain("10.88.0.4:").contains("allow_paths");
        filterHosts("10.88.0.4");
        assertThat((String) browser.js("return document.querySelector(\"#host-table tr[data-host='10.88.0.4']\").textContent"))
                .contains("groups only: browser-web"); // no key of its own

        browser.waiting().ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector("#group-table tr[data-group='browser-web']")).click();
            return true;
        });
        browser.waiting().until(d -> d.findElement(By.id("editor-title")).getText().equals("Group browser-web"));
        browser.waiting().until(d -> d.findElement(By.id("editor-applied")).getText()
                .equals("member hosts: 1 of 2 applied, 1 partly applied"));
        assertThat(browser.driver.findElement(By.id("editor-files")).isDisplayed()).isFalse();
        browser.screenshot("group-rollout");
    }

    /**
     * Staged rollout in the editor: save the text to a canary host, see the rollout per wave, promote it to every
     * member. The agents are real; each may read only its own logs, so the canary entry names the canary's own log.
     */
    @Test
    void aGroupChangeIsStagedOnACanaryHostThenPromoted() throws Exception {
        agent("10.88.0.7", "browser-canary");
        agent("10.88.0.8", "browser-canary");
        Path canaryLog = logFile("10.88.0.7");
        put("/logagent/groups/browser-canary/collect_config", "[]");
        browser.open("#hosts");
        browser.waiting().withTimeout(WAIT).until(d -> "2 of 2 applied".equals(groupCells("browser-canary", "td.rollout")));
        browser.waiting().ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector("#group-table tr[data-group='browser-canary']")).click();
            return true;
        });
        browser.waiting().until(d -> d.findElement(By.id("editor-title")).getText().equals("Group browser-canary"));
        type("[{\"path\": \"" + canaryLog + "\", \"topic\": \"browser_app\"}]");
        browser.driver.findElement(By.id("canary-hosts")).sendKeys("10.88.0.7");
        browser.driver.findElement(By.id("canary-save")).click();
        browser.waiting().withTimeout(WAIT).until(d -> "canary: 1 of 1 applied · others: 1 of 1 applied"
                .equals(groupCells("browser-canary", "td.rollout")));
        assertThat(groupCells("browser-canary", "span.member[data-wave=canary]")).isEqualTo("10.88.0.7 ✓ (canary)");
        assertThat(browser.driver.findElement(By.id("canary-status")).getText())
                .startsWith("canary in progress on 10.88.0.7 (revision ");
        browser.screenshot("group-canary");

        browser.driver.findElement(By.id("canary-promote")).click();
        browser.waiting().until(d -> d.findElement(By.id("editor-revision")).getText().endsWith("(promoted)"));
        // Promoted: the other member now runs the entry too, and refuses it (outside its allow_paths): partly applied.
        browser.waiting().withTimeout(WAIT).until(d -> "1 of 2 applied, 1 partly applied"
                .equals(groupCells("browser-canary", "td.rollout")));
        assertThat(browser.driver.findElement(By.id("canary-status")).getText()).isEqualTo("no canary in progress");
        assertThat(get("/logagent/groups/browser-canary/collect_config")).contains(canaryLog.toString());
    }

    /** The texts of the cells matching {@code css} in the row of {@code group}, joined by |; null without the row. */
    String groupCells(String group, String css) {
        return (String) browser.js("const row = document.querySelector(`#group-table tr[data-group='${arguments[0]}']`);"
                + "return row ? [...row.querySelectorAll(arguments[1])].map(e => e.textContent).join('|') : null;", group, css);
    }

    /**
     * The editor warns before saving that an entry is outside the agent's allow_paths (as the agent reports them);
     * once saved, the host shows "partly applied" with the refused entry, not "applied".
     */
    @Test
    void anEntryOutsideAllowPathsIsWarnedBeforeSavingAndShownPartlyApplied() throws Exception {
        String ip = "10.88.0.6";
        agent(ip);
        Path log = logFile(ip);
        browser.open("#hosts");
        awaitRowText(ip, "online");
        openEditor(ip);
        type("[{\"path\": \"" + log + "\", \"topic\": \"browser_app\"},\n {\"path\": \"/etc/shadow\", \"topic\": \"x\"}]");
        review();
        browser.waiting().until(d -> d.findElement(By.id("editor-warnings")).getText().contains("entry 2"));
        assertThat(browser.driver.findElement(By.id("editor-warnings")).getText())
                .startsWith("will be refused: entry 2 on " + ip + ": path '/etc/shadow' is outside [agent] allow_paths");
        browser.screenshot("config-allow-paths-warning");
        browser.driver.findElement(By.id("editor-save")).click();
        browser.waiting().until(d -> d.findElement(By.id("editor-revision")).getText().endsWith("(saved)"));
        assertThat(browser.driver.findElement(By.id("editor-warnings")).getText()).isEmpty();
        browser.waiting().withTimeout(WAIT).until(d -> String.valueOf(browser.js(
                "const c = document.querySelector(`#host-table tr[data-host='${arguments[0]}'] td.rollout`);"
                        + "return c && c.dataset.state + '|' + c.className + '|' + c.textContent;", ip))
                .matches("partly applied\\|rollout warn\\|partly applied \\(refused: /etc/shadow: .*allow_paths.*"));
        assertThat(browser.driver.findElement(By.id("editor-applied")).getText()).contains("(partly applied");
        browser.screenshot("hosts-partly-applied");
    }

    @Test
    void aStaleSaveShowsAConflictAndKeepsTheEditedText() throws Exception {
        String ip = "10.88.0.2";
        put("/logagent/" + ip + "/collect_config", "[{\"path\":\"/var/log/a.log\",\"topic\":\"a\"}]");
        openEditor(ip);
        String loaded = browser.driver.findElement(By.id("editor-revision")).getText();
        // Someone else saves while this editor is open.
        put("/logagent/" + ip + "/collect_config", "[{\"path\":\"/var/log/b.log\",\"topic\":\"b\"}]");

        type("[{\"path\":\"/var/log/mine.log\",\"topic\":\"mine\"}]");
        review();
        browser.driver.findElement(By.id("editor-save")).click();
        browser.waiting().until(d -> d.findElement(By.id("editor-problems")).getText().contains("changed by someone else"));
        assertThat(browser.driver.findElement(By.id("editor-problems")).getText()).contains("you edited revision " + loaded);
        assertThat(browser.driver.findElement(By.id("editor-text")).getDomProperty("value")).contains("mine.log");
        assertThat(browser.all("#editor-diff-view span.del")).extracting(WebElement::getText)
                .anySatisfy(t -> assertThat(t).contains("b.log")); // the diff is now against the winner
        browser.screenshot("config-conflict");

        // Saving again, knowingly over the new revision, succeeds.
        browser.driver.findElement(By.id("editor-save")).click();
        browser.waiting().until(d -> d.findElement(By.id("editor-revision")).getText().endsWith("(saved)"));
        assertThat(get("/logagent/" + ip + "/collect_config")).contains("mine.log");
    }

    @Test
    void aStoppedAgentGoesOffline() throws Exception {
        String ip = "10.88.0.3";
        // A configured host stays listed when its agent is gone (a host without config would just disappear).
        put("/logagent/" + ip + "/collect_config", "[{\"path\":\"" + logFile(ip) + "\",\"topic\":\"browser_app\"}]");
        Agent agent = agent(ip);
        browser.open("#hosts");
        awaitRowText(ip, "online");
        agent.stop(); // the agent revokes its status lease on the way down
        assertThat(agent.awaitStop(WAIT)).isTrue();
        awaitRowText(ip, "offline");
        assertThat(hostRow(ip).findElement(By.cssSelector(".pill.offline")).isDisplayed()).isTrue();
    }

    /**
     * The structured form beside the raw JSON: editing a field rewrites the JSON (fields the form does not show are
     * kept), the agent's own checks put each problem beside its field, and a fixed form saves.
     */
    @Test
    void theEntryFormEditsTheJsonAndShowsEachProblemBesideItsField() throws Exception {
        String ip = "10.88.0.10";
        put("/logagent/" + ip + "/collect_config", "[{\"path\":\"/var/log/form.log\",\"topic\":\"a\",\"module\":\"m\"}]");
        openEditor(ip);
        browser.waiting().until(d -> !browser.all("#editor-form fieldset[data-entry='1']").isEmpty());
        assertThat(formField(1, "path").getDomProperty("value")).isEqualTo("/var/log/form.log");

        setField(1, "topic", "bad topic!");
        setField(1, "rate_limit", "-5");
        browser.waiting().until(d -> problem(1, "topic").contains("is not a valid Kafka topic name")
                && problem(1, "rate_limit").contains("must be an integer"));
        assertThat(formField(1, "topic").getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.driver.findElement(By.id("editor-text")).getDomProperty("value"))
                .contains("\"topic\": \"bad topic!\"", "\"module\": \"m\"", "\"rate_limit\": -5");
        browser.screenshot("config-form-problems");

        setField(1, "topic", "form_topic");
        setField(1, "rate_limit", "100");
        setField(1, "fields", "env=prod");
        selectField(1, "multiline", "java");
        selectField(1, "key", "field");
        setField(1, "key-field", "env");
        browser.waiting().until(d -> problem(1, "topic").isEmpty() && problem(1, "rate_limit").isEmpty()
                && browser.driver.findElement(By.id("editor-problems")).getText().isEmpty());
        review();
        browser.driver.findElement(By.id("editor-save")).click();
        browser.waiting().until(d -> d.findElement(By.id("editor-revision")).getText().endsWith("(saved)"));
        JsonNode saved = new ObjectMapper().readTree(get("/logagent/" + ip + "/collect_config")).get(0);
        assertThat(saved).isEqualTo(new ObjectMapper().readTree("{\"path\":\"/var/log/form.log\",\"topic\":\"form_topic\","
                + "\"module\":\"m\",\"rate_limit\":100,\"fields\":{\"env\":\"prod\"},\"multiline\":\"java\",\"key\":\"field:env\"}"));
    }

    WebElement formField(int entry, String field) {
        return browser.driver.findElement(By.cssSelector("#editor-form fieldset[data-entry='" + entry + "'] [data-field='" + field + "']"));
    }

    void setField(int entry, String field, String value) {
        WebElement f = formField(entry, field);
        f.clear();
        f.sendKeys(value);
    }

    void selectField(int entry, String field, String value) {
        new org.openqa.selenium.support.ui.Select(formField(entry, field)).selectByValue(value);
    }

    String problem(int entry, String field) {
        return browser.driver.findElement(By.cssSelector("#editor-form fieldset[data-entry='" + entry + "'] .problem[data-for='"
                + field + "']")).getDomProperty("textContent");
    }

    /** Any earlier value in the audit log can be made current again from the audit screen. */
    @Test
    void anEarlierRevisionIsRestoredFromTheAuditLog() throws Exception {
        String ip = "10.88.0.9";
        String v1 = "[{\"path\":\"/var/log/restore-v1.log\",\"topic\":\"v1\"}]";
        String v2 = "[{\"path\":\"/var/log/restore-v2.log\",\"topic\":\"v2\"}]";
        try (io.logagent.console.Api admin = console.admin()) {
            long r1 = admin.put("/api/hosts/" + ip + "/config", io.logagent.console.Api.map("value", v1, "expectedRevision", 0))
                    .json().path("revision").asLong();
            admin.put("/api/hosts/" + ip + "/config", io.logagent.console.Api.map("value", v2, "expectedRevision", r1));
        }
        assertThat(get("/logagent/" + ip + "/collect_config")).isEqualTo(v2);
        browser.open("#audit");
        browser.waiting().until(d -> !browser.all("#audit-table tr[data-key='/logagent/" + ip + "/collect_config']").isEmpty());
        // The row whose change set v1 (the first one): its "after" is v1.
        browser.js("const rows = [...document.querySelectorAll(`#audit-table tr[data-key='/logagent/${arguments[0]}/collect_config']`)];"
                + "rows.find(r => r.querySelector('pre').textContent.endsWith('+++ after\\n' + arguments[1]))"
                + ".querySelector('button.restore').click();", ip, v1);
        browser.waiting().until(d -> d.findElement(By.id("audit-message")).getText().startsWith(
                "/logagent/" + ip + "/collect_config restored to the value saved "));
        assertThat(get("/logagent/" + ip + "/collect_config")).isEqualTo(v1);
        assertThat(browser.driver.findElement(By.id("audit-error")).getText()).isEmpty();
        browser.screenshot("audit-restore");
    }

    @Test
    void thePipelineScreenShowsKafkaAndIndices() throws Exception {
        // A topic an agent writes (named in etcd, lines in Kafka) that no transfer consumes: flagged in words.
        put("/logagent/10.88.0.99/collect_config", "[{\"path\":\"/var/log/lost.log\",\"topic\":\"browser_lost\"}]");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("browser_lost", "a line nobody indexes")).get(30, TimeUnit.SECONDS);
        }
        // A record the index refused, as the transfer sends it; its texts are shown as text, never as markup.
        String reason = "400 mapper_parsing_exception <img src=x id=dl-xss>";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> letter = new ProducerRecord<>(
                    DeadLetterHeaders.TOPIC_SETTING.defaultValue(), "browser refused line");
            letter.headers().add(DeadLetterHeaders.REASON, reason.getBytes(StandardCharsets.UTF_8))
                    .add(DeadLetterHeaders.TOPIC, "browser_app".getBytes(StandardCharsets.UTF_8))
                    .add(LogHeaders.HOST, "10.88.0.7".getBytes(StandardCharsets.UTF_8));
            producer.send(letter).get(30, TimeUnit.SECONDS);
        }
        browser.open("#pipeline");
        browser.waitVisible(By.id("pipeline"));
        browser.waiting().until(d -> d.findElement(By.cssSelector("#indices tbody")).getText().contains("hosts_browser_logs-1"));
        browser.waiting().until(d -> d.findElement(By.cssSelector("#freshness tbody")).getText().contains("browser_app"));
        assertThat(browser.driver.findElement(By.id("kafka-error")).getText()).isEmpty();
        WebElement lost = browser.waitVisible(By.cssSelector("#topics tr[data-topic='browser_lost'] td.status"));
        assertThat(lost.getText()).startsWith("PROBLEM: not consumed by any transfer");
        assertThat(lost.getDomAttribute("class")).contains("error");
        assertThat(browser.driver.findElement(By.id("topics-summary")).getText()).contains("need attention");
        browser.waiting().until(d -> d.findElement(By.cssSelector("#deadletters tbody")).getText().contains("browser refused line"));
        WebElement letter = browser.driver.findElements(By.cssSelector("#deadletters tbody tr")).stream()
                .filter(r -> r.getText().contains("browser refused line")).findFirst().orElseThrow();
        assertThat(letter.getText()).contains(reason, "browser_app", "10.88.0.7");
        assertThat(browser.driver.findElements(By.id("dl-xss"))).isEmpty();
        browser.screenshot("pipeline");
    }

    void put(String key, String value) throws Exception {
        etcd.getKVClient().put(bytes(key), bytes(value)).get(10, TimeUnit.SECONDS);
    }

    String get(String key) throws Exception {
        return etcd.getKVClient().get(bytes(key)).get(10, TimeUnit.SECONDS).getKvs().getFirst().getValue()
                .toString(StandardCharsets.UTF_8);
    }

    static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
