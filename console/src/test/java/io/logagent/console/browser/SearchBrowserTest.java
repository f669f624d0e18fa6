package io.logagent.console.browser;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logagent.console.ConsoleFixture;
import io.logagent.console.search.OpenSearchSeed;
import io.logagent.stack.EtcdServer;
import io.logagent.stack.OpenSearchServer;
import io.logagent.stack.junit.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.logagent.console.ConsoleFixture.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The search screen in a real browser against a real OpenSearch: log in, query with highlighted hits, the histogram
 * by level, field filters, sort order, paging, drag-to-zoom, URL state with the back button, a multi-line event,
 * the detail and context views, live tail, and a corpus of XSS payloads shown as text.
 */
@ExtendWith(RealServers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SearchBrowserTest {

    static final String ALIAS = "browser_it";
    static final String INDEX = "browser_logs-1";
    static final String STACK_TRACE = "java.lang.NullPointerException: cart is empty\n"
            + "\tat com.example.Cart.total(Cart.java:42)\n\tat com.example.Api.handle(Api.java:7)";
    static final int WEB_LINES = 140;
    static final ObjectMapper JSON = new ObjectMapper();

    final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String osUrl;
    static final String LONG_PATH = "/var/log/very/long/directory/structure/for/the/service/app-server.log";
    /** The page's one date-time format in this browser (en-US): date, time to the millisecond, and the zone. */
    static final String TIME = "\\d\\d/\\d\\d/\\d{4}, \\d\\d:\\d\\d:\\d\\d\\.\\d{3} [A-Z][A-Za-z0-9+:-]*";

    ConsoleFixture console;
    Browser browser;
    List<String> xss;
    int seeded;

    @BeforeAll
    void start(OpenSearchServer os, EtcdServer etcd, @TempDir Path dir) throws Exception {
        osUrl = os.httpUrl();
        OpenSearchSeed.createIndex(osUrl, INDEX, List.of(ALIAS));
        List<String> docs = new ArrayList<>();
        Instant first = now.minus(Duration.ofMinutes(12));
        for (int i = 0; i < WEB_LINES; i++) {
            String level = i % 10 == 0 ? "ERROR" : i % 7 == 0 ? "WARN" : "INFO";
            String message = switch (level) {
                case "ERROR" -> "payment failed for order " + i + " timeout";
                case "WARN" -> "slow request /api/cart " + i + "ms";
                default -> "GET /cart/" + i + " 200 user=alice";
            };
            docs.add(doc(first.plusSeconds(5L * i), "10.0.0.1", "/var/log/web.log", i * 100L, level, message));
        }
        Instant t = now.minus(Duration.ofMinutes(5));
        docs.add(doc(t, "10.0.0.2", "/var/log/app.log", 0, "INFO", "cart service starting"));
        docs.add(doc(t.plusMillis(1), "10.0.0.2", "/var/log/app.log", 200, "INFO", "loading cart 17"));
        docs.add(doc(t.plusMillis(2), "10.0.0.2", "/var/log/app.log", 500, "ERROR", STACK_TRACE));
        docs.add(doc(t.plusMillis(3), "10.0.0.2", "/var/log/app.log", 900, "INFO", "retrying cart 17"));
        xss = new String(Objects.requireNonNull(getClass().getResourceAsStream("/xss-corpus.log")).readAllBytes(),
                StandardCharsets.UTF_8).lines().toList();
        for (int i = 0; i < xss.size(); i++) {
            docs.add(doc(now.minusSeconds(200 - i), "10.0.0.66", "/var/log/xss.log", i * 80L, "INFO", xss.get(i)));
        }
        // Hostile values in the other displayed fields too: level (badge and facet) and path.
        docs.add(doc(now.minusSeconds(150), "10.0.0.66", "/var/log/xss.log", 5000,
                "<img src=x onerror=window.__xss=13>", "odd level"));
        docs.add(doc(now.minusSeconds(149), "10.0.0.66", "/var/log/<svg onload=window.__xss=14>.log", 0,
                "WARN", "odd path"));
        // No level, and a path too long for its column.
        docs.add(doc(now.minusSeconds(100), "10.0.0.77", LONG_PATH, 0, null, "a line without a level"));
        seeded = docs.size();
        OpenSearchSeed.index(osUrl, INDEX, docs);
        console = new ConsoleFixture(dir, etcd.endpoint(), osUrl, "", ALIAS, Clock.systemUTC());
        browser = Browser.open(console.server.port());
        browser.openLoggedIn("#search", "admin", ADMIN_PASSWORD);
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

    static String doc(Instant time, String host, String path, long offset, String level, String message) throws IOException {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("@timestamp", time.toString());
        d.put("host", host);
        d.put("path", path);
        d.put("offset", offset);
        if (level != null) {
            d.put("level", level);
        }
        d.put("topic", "web_log");
        d.put("file_id", "1:" + Math.abs(host.hashCode()) + ":" + Math.abs(path.hashCode()));
        d.put("message", message);
        return JSON.writeValueAsString(d);
    }

    // --- helpers -------------------------------------------------------------------------------------------

    int searchesDone() {
        String n = browser.driver.findElement(By.id("results")).getDomAttribute("data-searches");
        return n == null ? 0 : Integer.parseInt(n);
    }

    /** Runs {@code action} and waits until the page has finished the search it starts. */
    void andWaitForSearch(Runnable action) {
        int before = searchesDone();
        action.run();
        browser.waiting().until(d -> searchesDone() > before
                && "false".equals(d.findElement(By.id("results")).getDomAttribute("aria-busy")));
    }

    /** A fresh page load of {@code hash}, waiting for its first search. */
    void show(String hash) {
        browser.driver.get("about:blank");
        browser.open(hash);
        browser.waiting().until(d -> searchesDone() >= 1
                && "false".equals(d.findElement(By.id("results")).getDomAttribute("aria-busy")));
    }

    long total() {
        String text = browser.driver.findElement(By.id("total")).getText();
        return Long.parseLong(text.replaceAll("[^0-9]", ""));
    }

    List<WebElement> rows() {
        return browser.all("#results tbody tr.hit");
    }

    String query() {
        return browser.driver.findElement(By.id("q")).getDomProperty("value");
    }

    // --- tests ---------------------------------------------------------------------------------------------

    @Test
    void aWrongPasswordShowsAnErrorAndTheRightOneOpensTheSearch() throws IOException {
        try (Browser fresh = Browser.open(console.server.port())) {
            fresh.open("");
            fresh.login("admin", "not-the-password");
            fresh.waiting().until(d -> d.findElement(By.id("login-error")).getText().contains("wrong user name or password"));
            assertThat(fresh.driver.findElement(By.id("tabs")).isDisplayed()).isFalse();
            fresh.screenshot("login");
            fresh.login("admin", ADMIN_PASSWORD);
            fresh.waitVisible(By.id("search"));
            fresh.waiting().until(d -> d.findElement(By.id("total")).getText().endsWith("hits"));
            assertThat(fresh.driver.findElement(By.id("who")).getText()).contains("admin");
            assertThat(fresh.driver.findElement(By.id("login")).isDisplayed()).isFalse();
        }
    }

    @Test
    void searchTermsAreMarkedAndTheHistogramIsColouredByLevel() throws IOException {
        show("#search?q=payment&from=now-1h");
        assertThat(total()).isEqualTo(WEB_LINES / 10);
        List<WebElement> marks = browser.all("#results td.message mark");
        assertThat(marks).hasSize(WEB_LINES / 10);
        assertThat(marks).allSatisfy(m -> assertThat(m.getText()).isEqualTo("payment"));
        WebElement cell = browser.driver.findElement(By.cssSelector("#results tbody tr.hit td.message"));
        assertThat(cell.getText()).matches("payment failed for order \\d+ timeout"); // the mark cut nothing away
        // The download links carry the same search; the browser's session fetches them.
        Object text = browser.js("return fetch(document.querySelector('#download-text').href).then(r => r.text())");
        assertThat(((String) text).lines()).hasSize(WEB_LINES / 10).allMatch(l -> l.startsWith("payment failed"));
        Object jsonl = browser.js("return fetch(document.querySelector('#download-jsonl').href).then(r => r.text())");
        assertThat(((String) jsonl).lines()).hasSize(WEB_LINES / 10).allMatch(l -> l.startsWith("{") && l.contains("\"host\""));
        browser.driver.findElement(By.id("syntax-toggle")).click();
        assertThat(browser.waitVisible(By.id("syntax-help")).getText()).contains("Query syntax", "level:ERROR", "\"payment failed\"");
        browser.driver.findElement(By.id("syntax-toggle")).click();

        show("#search?q=&from=now-1h");
        assertThat(total()).isEqualTo(seeded);
        WebElement canvas = browser.driver.findElement(By.id("histogram"));
        assertThat(Integer.parseInt(canvas.getDomAttribute("data-buckets"))).isGreaterThan(10);
        // Pixels in the ERROR, WARN and INFO colours prove the bars are drawn and stacked by level.
        @SuppressWarnings("unchecked")
        Map<String, Long> colours = (Map<String, Long>) browser.js("""
                const c = arguments[0], d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                const want = {ERROR: [220, 38, 38], WARN: [245, 158, 11], INFO: [22, 163, 74]}, n = {ERROR: 0, WARN: 0, INFO: 0};
                for (let i = 0; i < d.length; i += 4)
                  for (const [k, [r, g, b]] of Object.entries(want)) if (d[i] === r && d[i + 1] === g && d[i + 2] === b) n[k]++;
                return n;""", canvas);
        assertThat(colours).allSatisfy((level, pixels) -> assertThat(pixels).as(level).isGreaterThan(20));
        assertThat(browser.all("#legend .legend-item")).extracting(WebElement::getText).contains("ERROR", "WARN", "INFO");

        WebElement error = browser.driver.findElement(By.cssSelector("#results .level-ERROR"));
        WebElement info = browser.driver.findElement(By.cssSelector("#results .level-INFO"));
        assertThat(error.getCssValue("background-color")).isEqualTo("rgba(220, 38, 38, 1)");
        assertThat(info.getCssValue("background-color")).isEqualTo("rgba(22, 163, 74, 1)");
        assertThat(browser.all("#facets button.facet[data-field=host]")).extracting(WebElement::getText)
                .anySatisfy(t -> assertThat(t).contains("10.0.0.1").contains(Integer.toString(WEB_LINES)));
        show("#search?q=payment%20OR%20slow&from=now-1h");
        browser.screenshot("search");
    }

    @Test
    void aMultiLineEventIsShownWholeAndItsDetailsAndContextOpen() throws IOException {
        show("#search?q=%22cart%20is%20empty%22&from=now-1h");
        assertThat(rows()).hasSize(1);
        WebElement hit = rows().getFirst();
        WebElement message = hit.findElement(By.cssSelector("td.message"));
        assertThat(browser.js("return arguments[0].textContent", message)).isEqualTo(STACK_TRACE);
        assertThat(message.getText()).contains("cart is empty", "Cart.java:42", "Api.java:7");
        assertThat(message.getSize().getHeight()).as("three lines high").isGreaterThan(3 * 14);

        hit.click();
        WebElement details = browser.waitVisible(By.cssSelector("#results tr.details"));
        assertThat(details.findElements(By.cssSelector("table.fields th"))).extracting(WebElement::getText)
                .contains("@timestamp", "file_id", "host", "level", "message", "offset", "path", "topic");
        assertThat(details.getText()).contains("10.0.0.2", "/var/log/app.log", "500");

        details.findElement(By.cssSelector("button.context-button")).click();
        WebElement dialog = browser.waitVisible(By.id("context-dialog"));
        browser.waiting().until(d -> d.findElements(By.cssSelector("#context-lines tr.anchor")).size() == 1);
        List<Object> lines = dialog.findElements(By.cssSelector("#context-lines tbody tr")).stream()
                .map(r -> browser.js("return arguments[0].textContent", r.findElement(By.cssSelector("td.message")))).toList();
        assertThat(lines).containsExactly("cart service starting", "loading cart 17", STACK_TRACE, "retrying cart 17");
        WebElement anchor = dialog.findElement(By.cssSelector("#context-lines tr.anchor"));
        assertThat(anchor.findElement(By.cssSelector("td.c-offset")).getText()).isEqualTo("500");
        assertThat(anchor.findElement(By.cssSelector("td.c-marker")).getText()).isEqualTo("▶");
        browser.screenshot("context");
        dialog.findElement(By.id("context-close")).click();
        browser.waiting().until(d -> !d.findElement(By.id("context-dialog")).isDisplayed());
    }

    /** The N picker in the context dialog: how many lines either side, sent as {@code n} to /api/context. */
    @Test
    void theContextDialogShowsAsManyLinesAsPicked() throws IOException {
        show("#search?q=%22order%2070%20timeout%22&from=now-1h"); // web.log line 70: offset 7000, 70 lines before it
        assertThat(rows()).hasSize(1);
        rows().getFirst().click();
        browser.waitVisible(By.cssSelector("#results tr.details button.context-button")).click();
        browser.waiting().until(d -> contextReady() && contextRows() == 41);
        assertThat(browser.driver.findElement(By.id("context-n")).getDomProperty("value")).isEqualTo("20");
        assertThat(browser.driver.findElement(By.id("context-title")).getText()).contains("20 lines either side of offset 7000");

        pickContextSize("50");
        browser.waiting().until(d -> contextReady() && contextRows() == 101);
        assertThat(contextOffsets().getFirst()).isEqualTo("2000");
        assertThat(contextOffsets().getLast()).isEqualTo("12000");
        assertThat(browser.driver.findElement(By.cssSelector("#context-lines tr.anchor td.c-offset")).getText()).isEqualTo("7000");
        assertThat(browser.driver.findElement(By.id("context-title")).getText()).contains("50 lines either side");
        browser.screenshot("context-n");

        pickContextSize("100"); // more than the file has before (70) and after (69) the line: all of it
        browser.waiting().until(d -> contextReady() && contextRows() == WEB_LINES);
        pickContextSize("10");
        browser.waiting().until(d -> contextReady() && contextRows() == 21);
        // What the page asked the API for, in order.
        @SuppressWarnings("unchecked")
        List<String> sizes = (List<String>) browser.js("return performance.getEntriesByType('resource')"
                + ".map(e => new URL(e.name)).filter(u => u.pathname === '/api/context').map(u => u.searchParams.get('n'))");
        assertThat(sizes).containsExactly("20", "50", "100", "10");
        browser.driver.findElement(By.id("context-close")).click();
    }

    boolean contextReady() {
        return "false".equals(browser.driver.findElement(By.id("context-dialog")).getDomAttribute("aria-busy"));
    }

    int contextRows() {
        return browser.all("#context-lines tbody tr").size();
    }

    List<String> contextOffsets() {
        return browser.all("#context-lines tbody td.c-offset").stream().map(WebElement::getText).toList();
    }

    void pickContextSize(String n) {
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("context-n"))).selectByValue(n);
    }

    @Test
    void facetFiltersOrderAndQueryLiveInTheUrlAndTheBackButtonRestoresThem() {
        show("#search?q=&from=now-1h");
        long all = total();
        WebElement errorFacet = browser.all("#facets button.facet[data-field=level]").stream()
                .filter(b -> b.getText().startsWith("ERROR")).findFirst().orElseThrow();
        assertThat(errorFacet.getText()).endsWith(Long.toString(WEB_LINES / 10 + 1));
        andWaitForSearch(errorFacet::click);
        assertThat(query()).isEqualTo("level:\"ERROR\"");
        assertThat(total()).isEqualTo(WEB_LINES / 10 + 1);
        assertThat(browser.hash()).contains("q=level%3A%22ERROR%22").contains("from=now-1h");
        String newestFirst = rows().getFirst().findElement(By.cssSelector("td.c-time")).getText();

        andWaitForSearch(() -> browser.driver.findElement(By.id("order")).click());
        assertThat(browser.hash()).contains("order=asc");
        String oldestFirst = rows().getFirst().findElement(By.cssSelector("td.c-time")).getText();
        assertThat(oldestFirst).isLessThan(newestFirst);
        assertThat(rows().getFirst().getText()).contains("payment failed for order 0 ");

        andWaitForSearch(() -> browser.driver.navigate().back());
        assertThat(browser.hash()).doesNotContain("order=asc");
        assertThat(query()).isEqualTo("level:\"ERROR\"");
        assertThat(rows().getFirst().findElement(By.cssSelector("td.c-time")).getText()).isEqualTo(newestFirst);
        andWaitForSearch(() -> browser.driver.navigate().back());
        assertThat(query()).isEmpty();
        assertThat(total()).isEqualTo(all);
        andWaitForSearch(() -> browser.driver.navigate().forward());
        assertThat(query()).isEqualTo("level:\"ERROR\"");
    }

    /** A failed query leaves none of the previous results on screen, and says what is wrong in one short line. */
    @Test
    void aFailedQueryClearsTheResultsAndShowsOneShortLine() throws IOException {
        show("#search?q=payment&from=now-1h");
        assertThat(rows()).isNotEmpty();
        andWaitForSearch(() -> {
            WebElement q = browser.driver.findElement(By.id("q"));
            q.clear();
            q.sendKeys("message:(unclosed\n");
        });
        assertThat(browser.driver.findElement(By.id("search-error")).getText())
                .isEqualTo("bad query: at column 17: unexpected end of query, expected AND, OR, NOT, +, -, ( …");
        assertThat(browser.all("#results tbody tr")).isEmpty();
        assertThat(browser.driver.findElement(By.id("total")).getText()).isEmpty();
        assertThat(browser.all("#facets button.facet")).isEmpty();
        assertThat(browser.driver.findElement(By.id("load-more")).isDisplayed()).isFalse();
        browser.screenshot("search-bad-query");
        show("#search?q=payment&from=now-1h"); // and a good query afterwards clears the message
        assertThat(browser.driver.findElement(By.id("search-error")).getText()).isEmpty();
    }

    @Test
    void levelsAreCaseInsensitiveAndLinesWithoutOneAreCountedAsNone() {
        show("#search?q=level:error&from=now-1h");
        assertThat(total()).isEqualTo(WEB_LINES / 10 + 1);
        show("#search?q=&from=now-1h");
        WebElement none = browser.all("#facets button.facet[data-field=level]").stream()
                .filter(b -> b.findElement(By.cssSelector(".facet-value")).getText().equals("none")).findFirst().orElseThrow();
        assertThat(none.findElement(By.cssSelector(".facet-count")).getText()).isEqualTo("1");
    }

    /** One date-time format (browser locale, zone shown) in rows and range; long paths cut in the middle. */
    @Test
    void timesHaveOneFormatWithTheZoneAndLongPathsAreCutInTheMiddle() {
        show("#search?q=host:10.0.0.77&from=now-1h");
        WebElement row = rows().getFirst();
        assertThat(row.findElement(By.cssSelector("td.c-time")).getText()).matches(TIME);
        assertThat(browser.driver.findElement(By.id("shown-range")).getText()).matches(TIME + " → " + TIME);
        WebElement path = row.findElement(By.cssSelector("td.c-path"));
        assertThat(path.getText()).hasSize(48).contains("…").startsWith("/var/log/").endsWith("/app-server.log");
        assertThat(path.getDomAttribute("title")).isEqualTo(LONG_PATH);
        assertThat(row.findElement(By.cssSelector("td.c-level")).getText()).isEmpty();
    }

    @Test
    void loadMoreAppendsTheNextPage() {
        show("#search?q=&from=now-1h");
        assertThat(rows()).hasSize(100);
        assertThat(browser.driver.findElement(By.id("shown")).getText()).isEqualTo("showing 100 of " + seeded);
        WebElement more = browser.driver.findElement(By.id("load-more"));
        more.click();
        browser.waiting().until(d -> rows().size() == seeded);
        assertThat(more.isDisplayed()).isFalse();
        assertThat(rows().stream().map(WebElement::getText).distinct()).hasSize(seeded);
    }

    @Test
    void draggingAcrossTheHistogramZoomsIntoAnAbsoluteRange() {
        show("#search?q=host:10.0.0.1&from=now-1h");
        assertThat(total()).isEqualTo(WEB_LINES);
        WebElement canvas = browser.driver.findElement(By.id("histogram"));
        int width = canvas.getSize().getWidth();
        // The web lines fill the last 12 of the 60 minutes: drag over the 4 minutes from 48 to 52 minutes in.
        int fromX = (int) (width * 48.0 / 60) - width / 2;
        int toX = (int) (width * 52.0 / 60) - width / 2;
        andWaitForSearch(() -> new Actions(browser.driver).moveToElement(canvas, fromX, 0).clickAndHold()
                .moveByOffset(toX - fromX, 0).release().perform());
        assertThat(browser.driver.findElement(By.id("range")).getDomProperty("value")).isEqualTo("absolute");
        assertThat(browser.driver.findElement(By.id("absolute-range")).isDisplayed()).isTrue();
        assertThat(browser.hash()).containsPattern("from=\\d{4}-\\d\\d-\\d\\dT").containsPattern("to=\\d{4}-\\d\\d-\\d\\dT");
        long zoomed = total();
        assertThat(zoomed).isBetween(20L, (long) WEB_LINES - 20); // about 4 minutes of one line every 5 s
        assertThat(query()).isEqualTo("host:10.0.0.1");

        // An absolute range typed into the URL is shown in the picker and searched.
        String from = now.minus(Duration.ofMinutes(12)).toString();
        String to = now.minus(Duration.ofMinutes(12)).plusSeconds(5L * 9).toString();
        show("#search?q=host:10.0.0.1&from=" + from + "&to=" + to);
        assertThat(total()).isEqualTo(10);
        assertThat(browser.driver.findElement(By.id("range-from")).getDomProperty("value")).isNotEmpty();
    }

    @Test
    void aTypedRangeFieldFiltersAndChosenJsonColumns() throws Exception {
        // Two lines 40 days back (outside every other test's range) with parsed JSON and static fields.
        Instant old = now.minus(Duration.ofDays(40));
        List<String> lines = new ArrayList<>();
        for (String user : List.of("zoe", "<b id=col-xss>yan</b>")) {
            Map<String, Object> d = new LinkedHashMap<>(JSON.readValue(doc(old.plusSeconds(lines.size()), "10.0.0.99",
                    "/var/log/json.log", lines.size() * 100L, "INFO", "json line " + lines.size()), Map.class));
            d.put("json", Map.of("user", user, "status", 503));
            d.put("fields", Map.of("env", "prod"));
            lines.add(JSON.writeValueAsString(d));
        }
        OpenSearchSeed.index(osUrl, INDEX, lines);
        show("#search?q=host:10.0.0.99&from=now-15m");
        assertThat(rows()).isEmpty();
        // A span typed by hand in the range box.
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("range"))).selectByValue("typed");
        WebElement typed = browser.waitVisible(By.id("range-typed"));
        andWaitForSearch(() -> typed.sendKeys("last 41 days\n"));
        assertThat(total()).isEqualTo(2);
        assertThat(browser.hash()).contains("from=last+41+days");
        show("#search?q=host:10.0.0.99&from=since+lunch");
        assertThat(browser.driver.findElement(By.id("search-error")).getText())
                .contains("bad time 'since lunch'", "now-3h", "last 2 days", "2h");
        show("#search?q=host:10.0.0.99&from=last+41+days");
        assertThat(browser.driver.findElement(By.id("range-typed")).getDomProperty("value")).isEqualTo("last 41 days");
        assertThat(total()).isEqualTo(2);

        // The column chooser offers the hits' json.* and fields.* keys; a chosen one becomes a column.
        browser.driver.findElement(By.cssSelector("#column-chooser summary")).click();
        assertThat(browser.all("#column-list input").stream().map(b -> b.getDomAttribute("data-field")))
                .contains("json.user", "json.status", "fields.env", "topic");
        browser.driver.findElement(By.cssSelector("#column-list input[data-field='json.user']")).click();
        browser.waiting().until(d -> d.findElements(By.cssSelector("#results tbody td.c-extra")).size() == 2);
        assertThat(browser.all("#results thead th.c-extra").stream().map(th -> browser.js("return arguments[0].textContent", th)))
                .containsExactly("json.user");
        assertThat(browser.all("#results tbody td.c-extra").stream().map(WebElement::getText))
                .containsExactly("<b id=col-xss>yan</b>", "zoe"); // newest first, as text
        assertThat(browser.all("#col-xss")).isEmpty();

        // Filter out, then filter for, a value of a field in a hit's details.
        rows().get(0).click();
        andWaitForSearch(() -> browser.driver.findElement(
                By.cssSelector("tr.details tr[data-field='json.user'] button.filter-out")).click());
        assertThat(query()).isEqualTo("host:10.0.0.99 AND NOT json.user:\"<b id=col-xss>yan</b>\"");
        assertThat(total()).isEqualTo(1);
        rows().get(0).click();
        andWaitForSearch(() -> browser.driver.findElement(
                By.cssSelector("tr.details tr[data-field='fields.env'] button.filter-for")).click());
        assertThat(query()).endsWith(" AND fields.env:\"prod\"");
        assertThat(total()).isEqualTo(1);
        assertThat(browser.all("#results tbody td.c-extra").stream().map(WebElement::getText)).containsExactly("zoe");
        browser.driver.findElement(By.cssSelector("#column-list input[data-field='json.user']")).click(); // as before
        browser.screenshot("columns-and-filters");
    }

    @Test
    void aSavedSearchIsListedAndItsShortLinkRestoresQueryAndRange() throws IOException {
        String name = "<img src=x id=saved-xss> payments";
        show("#search?q=host:10.0.0.1%20AND%20payment&from=last+1+hour");
        long payments = total();
        assertThat(payments).isEqualTo(WEB_LINES / 10);
        browser.driver.findElement(By.cssSelector("#saved-searches summary")).click();
        browser.waitVisible(By.id("save-name")).sendKeys(name);
        browser.driver.findElement(By.cssSelector("#save-form button[type=submit]")).click();
        browser.waiting().until(d -> d.findElement(By.id("saved-message")).getText().contains("/s/"));
        WebElement item = browser.waiting().until(d -> d.findElements(By.cssSelector("#saved-list li[data-id]")).stream()
                .filter(li -> li.getText().contains(name)).findFirst().orElse(null));
        assertThat(item.getText()).contains("host:10.0.0.1 AND payment", "last 1 hour");
        assertThat(browser.all("#saved-xss")).isEmpty();
        String link = item.findElement(By.cssSelector("a.saved-link")).getDomProperty("href");
        assertThat(link).matches(".*/s/[a-z0-9]{10}");

        // The short link, opened fresh: query and range come back, and the search runs.
        browser.driver.get("about:blank");
        browser.driver.get(link);
        browser.waiting().until(d -> searchesDone() >= 1
                && "false".equals(d.findElement(By.id("results")).getDomAttribute("aria-busy")));
        assertThat(query()).isEqualTo("host:10.0.0.1 AND payment");
        assertThat(browser.driver.findElement(By.id("range-typed")).getDomProperty("value")).isEqualTo("last 1 hour");
        assertThat(browser.hash()).contains("from=last+1+hour").doesNotContain("saved=");
        assertThat(total()).isEqualTo(payments);
        item = browser.driver.findElements(By.cssSelector("#saved-list li[data-id]")).stream()
                .filter(li -> li.getText().contains(name)).findFirst().orElse(null);
        if (item == null) {
            browser.driver.findElement(By.cssSelector("#saved-searches summary")).click();
            item = browser.waiting().until(d -> d.findElements(By.cssSelector("#saved-list li[data-id]")).stream()
                    .filter(li -> li.getText().contains(name)).findFirst().orElse(null));
        }
        String id = item.getDomAttribute("data-id");
        item.findElement(By.cssSelector("button.saved-delete")).click();
        browser.waiting().until(d -> d.findElements(By.cssSelector("#saved-list li[data-id='" + id + "']")).isEmpty());
        browser.screenshot("saved-searches");
    }

    @Test
    void xssPayloadsInLogLinesAreShownAsTextAndNeverRun() throws IOException {
        assertThat(xss).hasSizeGreaterThanOrEqualTo(10);
        show("#search?q=host:10.0.0.66&from=now-1h");
        assertThat(total()).isEqualTo(xss.size() + 2);
        List<String> shown = browser.all("#results td.message").stream().map(e -> (String) browser.js(
                "return arguments[0].textContent", e)).toList();
        assertThat(shown).containsAll(xss).contains("odd level", "odd path");
        assertThat(browser.all("#results tbody .c-level span")).extracting(e -> (String) browser.js("return arguments[0].textContent", e))
                .contains("<img src=x onerror=window.__xss=13>");
        assertThat(browser.all("#results tbody td.c-path")).extracting(WebElement::getText)
                .contains("/var/log/<svg onload=window.__xss=14>.log");
        assertThat(browser.all("#facets .facet-value")).extracting(WebElement::getText)
                .contains("<img src=x onerror=window.__xss=13>");
        // Details and context render the same values through the same code path.
        WebElement inXssLog = rows().stream()
                .filter(r -> r.findElement(By.cssSelector("td.c-path")).getText().equals("/var/log/xss.log")).findFirst().orElseThrow();
        inXssLog.click();
        browser.waitVisible(By.cssSelector("#results tr.details")).findElement(By.cssSelector("button.context-button")).click();
        browser.waiting().until(d -> d.findElements(By.cssSelector("#context-lines tr.anchor")).size() == 1);
        assertThat(browser.all("#context-lines td.message")).hasSizeGreaterThan(5);
        browser.screenshot("xss");
        browser.driver.findElement(By.id("context-close")).click();
        show("#search?q=%22%7B%7B7*7%7D%7D%22&from=now-1h"); // a template-injection payload searched for
        assertThat(browser.all("#results td.message")).isNotEmpty().extracting(WebElement::getText)
                .allSatisfy(t -> assertThat(t).startsWith("{{7*7}}").doesNotContain("49"));

        // Nothing was parsed as markup, nothing ran.
        assertThat(browser.all("#results tbody script, #results tbody img, #results tbody svg, #results tbody iframe, "
                + "#results tbody a, #results tbody b, #results tbody style, #results tbody math, #results tbody details, "
                + "#injected, #facets img, #context-lines img, #context-lines script")).isEmpty();
        assertThat(browser.js("return window.__xss")).isNull();
        assertThatThrownBy(() -> browser.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(browser.driver.findElement(By.tagName("body")).isDisplayed()).isTrue();
    }

    /** Last: the lines it writes are "now" and would change the counts the other tests expect. */
    @Test
    @Order(Integer.MAX_VALUE)
    void liveTailShowsANewLineWithinSecondsAndPauseStopsIt() throws Exception {
        show("#search?q=&from=now-15m");
        andWaitForSearch(() -> {
            WebElement q = browser.driver.findElement(By.id("q"));
            q.clear();
            q.sendKeys("tailtoken\n");
        });
        browser.driver.findElement(By.id("tail-toggle")).click();
        browser.waitVisible(By.id("tail-status"));
        assertThat(browser.driver.findElement(By.id("tail-toggle")).getText()).isEqualTo("Pause");

        assertThat(total()).isZero();
        OpenSearchSeed.index(osUrl, INDEX, List.of(doc(Instant.now(), "10.0.0.9", "/var/log/tail.log", 0, "INFO", "tailtoken first")));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> tailed().contains("tailtoken first"));
        // The total and the histogram follow the tail (re-read at most every 3 s).
        await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(200)).until(() -> total() == 1);
        assertThat(browser.driver.findElement(By.id("histogram")).getDomAttribute("data-max")).isEqualTo("1");
        browser.screenshot("tail");

        browser.driver.findElement(By.id("tail-toggle")).click();
        assertThat(browser.driver.findElement(By.id("tail-status")).isDisplayed()).isFalse();
        OpenSearchSeed.index(osUrl, INDEX, List.of(doc(Instant.now(), "10.0.0.9", "/var/log/tail.log", 100, "INFO", "tailtoken second")));
        // Paused: three poll intervals pass without the new line; resuming then brings it.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> !tailed().contains("tailtoken second"));
        browser.driver.findElement(By.id("tail-toggle")).click();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> tailed().contains("tailtoken second"));
        assertThat(tailed()).containsExactly("tailtoken second", "tailtoken first"); // newest on top, no duplicates
        await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(200)).until(() -> total() == 2);
        browser.driver.findElement(By.id("tail-toggle")).click();
    }

    List<String> tailed() {
        return browser.all("#results tbody tr.hit td.message").stream().map(WebElement::getText).toList();
    }
}
