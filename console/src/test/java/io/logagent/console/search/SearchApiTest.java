package io.logagent.console.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.logagent.console.Api;
import io.logagent.console.ConsoleFixture;
import io.logagent.console.MutableClock;
import io.logagent.stack.EtcdServer;
import io.logagent.stack.OpenSearchServer;
import io.logagent.stack.junit.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.logagent.console.search.SearchAnswers.histogramLevel;
import static io.logagent.console.search.SearchAnswers.histogramTotal;
import static io.logagent.console.search.SearchAnswers.offsets;
import static io.logagent.console.search.SearchAnswers.timestamps;
import static org.assertj.core.api.Assertions.assertThat;

/** The search API against a real OpenSearch holding documents in the transfer's shape. */
@ExtendWith(RealServers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchApiTest {

    static final String INDEX = "web_log-2026.11.30";
    static final String SCRIPT = "<script>alert(1)</script>";
    static final String IMG = "<img src=x onerror=alert(1)>";
    static final String QUOTES = "\"'><svg onload=alert(1)>&amp;";
    static final String BASE = "2026-11-30T10:00:";

    ConsoleFixture console;
    Api api;
    String osUrl;

    @BeforeAll
    void seed(OpenSearchServer os, EtcdServer etcd, @TempDir Path dir) throws Exception {
        OpenSearchSeed.createIndex(os.httpUrl(), INDEX, List.of("web_log", "logagent"));
        List<String> docs = new ArrayList<>(List.of(
                doc("00", "10.0.0.1", "/var/log/web.log", 0, "INFO", "GET /index.html 200 user=alice"),
                doc("01", "10.0.0.1", "/var/log/web.log", 31, "ERROR", "payment failed for order 42 timeout"),
                doc("02", "10.0.0.1", "/var/log/web.log", 70, "WARN", "slow request /api/cart 1200ms"),
                doc("03", "10.0.0.1", "/var/log/web.log", 100, "INFO", "GET /cart 200 user=bob"),
                doc("04", "10.0.0.2", "/var/log/app.log", 0, "ERROR", SCRIPT),
                doc("05", "10.0.0.2", "/var/log/app.log", 30, "INFO", IMG),
                doc("06", "10.0.0.2", "/var/log/app.log", 60, "DEBUG", "connection refused to db-primary"),
                doc("07", "10.0.0.2", "/var/log/app.log", 90, "INFO", QUOTES)));
        // Outside the default window: only found when the range reaches back a day.
        docs.add(docs.getFirst().replace("2026-11-30T10:00:00", "2026-11-29T10:00:00")
                .replace("GET /index.html 200 user=alice", "old payment line").replace("\"offset\":0", "\"offset\":5"));
        // A line without a level, also outside the default window: the level facet counts it under "none".
        docs.add("{\"@timestamp\":\"2026-11-29T11:00:00.000Z\",\"host\":\"10.0.0.3\",\"path\":\"/var/log/x.log\","
                + "\"offset\":0,\"topic\":\"web_log\",\"message\":\"a line without level\"}");
        OpenSearchSeed.index(os.httpUrl(), INDEX, docs);
        MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:05:00Z"));
        console = new ConsoleFixture(dir, etcd.endpoint(), os.httpUrl(), "", "logagent", clock);
        api = console.admin();
        osUrl = os.httpUrl();
        OpenSearchSeed.createIndex(os.httpUrl(), "paging-2026.11.30", List.of("logagent"));
    }

    /** Two and more pages while about 1,000 lines a second arrive: no repeats, no gaps ({@link PagingUnderWrites}). */
    @Test
    void cursorPagingNeitherRepeatsNorSkipsWhileLinesArrive() throws Exception {
        PagingUnderWrites.check(osUrl, "paging-2026.11.30", api);
    }

    @AfterAll
    void stop() throws Exception {
        api.close();
        console.close();
    }

    static String doc(String sec, String host, String path, long offset, String level, String message) {
        return Api.map("@timestamp", BASE + sec + ".000Z", "host", host, "path", path, "offset", offset, "level", level,
                "topic", "web_log", "file_id", "1:" + host.hashCode() + ":abc", "message", message).entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":" + (e.getValue() instanceof Long l ? l.toString()
                        : "\"" + e.getValue().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\""))
                .reduce((a, b) -> a + "," + b).map(s -> "{" + s + "}").orElseThrow();
    }

    List<String> messages(String q) {
        return SearchAnswers.messages(search(Map.of("q", q)));
    }

    JsonNode search(Map<String, String> params) {
        Api.Response r = api.get("/api/search", params);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void fieldValuePhraseBooleanAndWildcardQueries() {
        assertThat(messages("level:ERROR")).containsExactlyInAnyOrder("payment failed for order 42 timeout", SCRIPT);
        assertThat(messages("\"payment failed\"")).containsExactly("payment failed for order 42 timeout");
        assertThat(messages("\"failed payment\"")).isEmpty();
        assertThat(messages("payment timeout")).hasSize(1); // default operator AND
        assertThat(messages("payment bob")).isEmpty();
        assertThat(messages("alice OR bob")).hasSize(2);
        assertThat(messages("GET AND NOT alice")).containsExactly("GET /cart 200 user=bob");
        assertThat(messages("paym*")).containsExactly("payment failed for order 42 timeout");
        assertThat(messages("host:10.0.0.2 AND conn*")).containsExactly("connection refused to db-primary");
    }

    @Test
    void newestFirstWithTotalAndSize() {
        JsonNode r = search(Map.of("size", "3"));
        assertThat(r.path("total").asLong()).isEqualTo(8);
        assertThat(r.path("hits")).hasSize(3);
        assertThat(timestamps(r)).containsExactly(BASE + "07.000Z", BASE + "06.000Z", BASE + "05.000Z");
        JsonNode first = r.path("hits").path(0);
        assertThat(first.path("host").asText()).isEqualTo("10.0.0.2");
        assertThat(first.path("path").asText()).isEqualTo("/var/log/app.log");
        assertThat(first.path("offset").asLong()).isEqualTo(90);
        assertThat(first.path("topic").asText()).isEqualTo("web_log");
    }

    /** Pages follow by cursor ({@code next} → {@code after}), which keeps the first page's range and order. */
    @Test
    void oldestFirstPagingByCursorAndTheResolvedRange() {
        JsonNode first = search(Map.of("order", "asc", "size", "3"));
        assertThat(first.path("hits").path(0).path("@timestamp").asText()).isEqualTo(BASE + "00.000Z");
        assertThat(first.path("next").asText()).isNotBlank();
        JsonNode next = search(Map.of("size", "3", "after", first.path("next").asText()));
        assertThat(timestamps(next)).containsExactly(BASE + "03.000Z", BASE + "04.000Z", BASE + "05.000Z");
        assertThat(next.path("total").asLong()).isEqualTo(8);
        assertThat(next.path("to").asLong()).isEqualTo(Instant.parse("2026-11-30T10:05:00Z").toEpochMilli());
        assertThat(next.path("from").asLong()).isEqualTo(Instant.parse("2026-11-30T09:50:00Z").toEpochMilli());
        JsonNode last = search(Map.of("size", "3", "after", next.path("next").asText()));
        assertThat(timestamps(last)).containsExactly(BASE + "06.000Z", BASE + "07.000Z");
        assertThat(last.path("next").isNull()).isTrue();
        assertThat(api.get("/api/search", Map.of("order", "sideways")).status()).isEqualTo(400);
        assertThat(api.get("/api/search", Map.of("after", "bm90IGEgY3Vyc29y")).json().path("error").asText())
                .contains("'after' is not a cursor");
        assertThat(api.get("/api/search", Map.of("start", "3")).json().path("error").asText()).contains("'after=<next>'");
    }

    /** No silent limits: a size the API will not serve is refused, never cut. */
    @Test
    void aSizeOutsideOneToAThousandIs400() {
        for (String size : List.of("0", "-1", "1001", "100000")) {
            Api.Response r = api.get("/api/search", Map.of("size", size));
            assertThat(r.status()).as(size).isEqualTo(400);
            assertThat(r.json().path("error").asText()).isEqualTo("'size' must be 1..1000, got " + size
                    + "; further lines come page by page with 'after'");
        }
        assertThat(search(Map.of("size", "1000")).path("hits")).hasSize(8);
        assertThat(api.get("/api/download", Map.of("size", "5")).status()).isEqualTo(400);
    }

    @Test
    void levelsAreCaseInsensitiveInQueries() {
        assertThat(messages("level:error")).containsExactlyInAnyOrder("payment failed for order 42 timeout", SCRIPT);
        assertThat(messages("level:Error AND payment")).containsExactly("payment failed for order 42 timeout");
        assertThat(messages("level:\"warn\"")).containsExactly("slow request /api/cart 1200ms");
        assertThat(messages("\"level:error\"")).isEmpty(); // inside a phrase it is text, left alone
        assertThat(QueryBuilder.levelsUpperCase("level:err* OR host:x")).isEqualTo("level:ERR* OR host:x");
        assertThat(QueryBuilder.levelsUpperCase("mylevel:error")).isEqualTo("mylevel:error");
    }

    @Test
    void searchTermsComeBackAsCharacterRangesOfTheMessage() {
        JsonNode hit = search(Map.of("q", "payment OR timeout")).path("hits").path(0);
        assertThat(hit.path("message").asText()).isEqualTo("payment failed for order 42 timeout");
        assertThat(hit.path("_highlight").toString()).isEqualTo("[[0,7],[28,35]]");
        JsonNode markup = search(Map.of("q", "script")).path("hits").path(0);
        assertThat(markup.path("message").asText()).isEqualTo(SCRIPT); // highlighting never adds markup to the text
        assertThat(markup.path("_highlight")).isNotEmpty();
    }

    @Test
    void timeRangeInAllThreeForms() {
        assertThat(messages("payment")).hasSize(1); // default: last 15 minutes of the test clock
        assertThat(SearchAnswers.messages(search(Map.of("q", "payment", "from", "now-2d")))).hasSize(2);
        assertThat(SearchAnswers.messages(search(
                Map.of("q", "payment", "from", "2026-11-29T00:00:00Z", "to", "2026-11-29T23:00:00Z"))))
                .containsExactly("old payment line");
        long from = Instant.parse(BASE + "03Z").toEpochMilli();
        assertThat(search(Map.of("from", Long.toString(from))).path("total").asLong()).isEqualTo(5);
        assertThat(search(Map.of("from", "now-1m")).path("total").asLong()).isZero();
    }

    @Test
    void relativeRangesTypedByHand() {
        Instant now = Instant.parse("2026-11-30T10:05:00Z");
        for (String from : List.of("last 2 days", "2d", "now - 48 hours", "2 days ago")) {
            JsonNode r = search(Map.of("q", "payment", "from", from));
            assertThat(r.path("from").asLong()).as(from).isEqualTo(now.minus(Duration.ofDays(2)).toEpochMilli());
            assertThat(SearchAnswers.messages(r)).as(from).hasSize(2);
        }
        // "to" too: an hour ago the test clock's window holds none of today's lines.
        assertThat(search(Map.of("q", "payment", "from", "last 3h", "to", "1h")).path("total").asLong()).isZero();
        assertThat(search(Map.of("q", "payment", "from", "last 3h", "to", "now")).path("total").asLong()).isEqualTo(1);
        Api.Response bad = api.get("/api/search", Map.of("from", "since lunch"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").asText()).isEqualTo("bad time 'since lunch': use " + TimeRange.FORMS)
                .contains("now-3h", "last 2 days", "2h", "ISO-8601", "epoch milliseconds");
    }

    @Test
    void badQuerySyntaxAndBadParametersAre400WithAMessage() {
        for (String q : List.of("message:(unclosed", "\"unterminated phrase", "a AND OR b", "level:[x TO")) {
            Api.Response r = api.get("/api/search", Map.of("q", q));
            assertThat(r.status()).as(q + " -> " + r.body()).isEqualTo(400);
            // One short line naming where and what: never the parser's multi-line dump.
            assertThat(r.json().path("error").asText()).as(q).startsWith("bad query: at column ")
                    .doesNotContain("\n").hasSizeLessThan(160);
        }
        assertThat(error("message:(unclosed")).isEqualTo("bad query: at column 17: unexpected end of query, expected AND, OR, NOT, +, -, ( …");
        assertThat(error("\"unterminated phrase")).isEqualTo("bad query: at column 21: unexpected end of query (a quote is not closed)");
        assertThat(error("a AND OR b")).isEqualTo("bad query: at column 6: unexpected 'OR', expected NOT, +, -, (, *, a quoted phrase …");
        assertThat(error("level:[x TO")).isEqualTo("bad query: at column 11: unexpected end of query, expected TO, a value");
        assertThat(api.get("/api/search", Map.of("from", "yesterday")).status()).isEqualTo(400);
        assertThat(api.get("/api/search", Map.of("size", "ten")).status()).isEqualTo(400);
    }

    String error(String q) {
        return api.get("/api/search", Map.of("q", q)).json().path("error").asText();
    }

    @Test
    void contextReturnsNeighbouringLinesOfTheSameFileInOffsetOrder() {
        Api.Response r = api.get("/api/context", Map.of("host", "10.0.0.1", "path", "/var/log/web.log", "offset", "70", "n", "1"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(offsets(r.json())).containsExactly(31L, 70L, 100L);
        Api.Response all = api.get("/api/context", Map.of("host", "10.0.0.1", "path", "/var/log/web.log", "offset", "31", "n", "10"));
        assertThat(offsets(all.json())).containsExactly(0L, 5L, 31L, 70L, 100L); // the other host's lines never appear
        assertThat(api.get("/api/context", Map.of("host", "10.0.0.1")).status()).isEqualTo(400);
    }

    @Test
    void histogramCountsPerLevelAddUpToTheTotal() {
        Api.Response r = api.get("/api/histogram", Map.of("from", "2026-11-30T09:59:00Z", "to", "2026-11-30T10:01:00Z"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(histogramTotal(r.json())).isEqualTo(8);
        assertThat(histogramLevel(r.json(), "ERROR")).isEqualTo(2);
        assertThat(r.json().path("intervalMs").asLong()).isEqualTo(5_000);
    }

    @Test
    void facetsCountTopValues() {
        JsonNode f = api.get("/api/facets", Map.of()).json();
        assertThat(f.path("host").toString()).contains("{\"value\":\"10.0.0.1\",\"count\":4}", "{\"value\":\"10.0.0.2\",\"count\":4}");
        assertThat(f.path("level").path(0).path("value").asText()).isEqualTo("INFO");
        assertThat(f.path("topic").path(0).path("count").asLong()).isEqualTo(8);
        assertThat(f.path("level").toString()).doesNotContain("none"); // every line in the window has a level
        JsonNode twoDays = api.get("/api/facets", Map.of("from", "now-2d")).json();
        assertThat(twoDays.path("level").toString()).contains("{\"value\":\"none\",\"count\":1}");
    }

    @Test
    void markupInLogLinesComesBackAsUnchangedJsonStrings() {
        Api.Response r = api.get("/api/search", Map.of("q", "host:10.0.0.2"));
        assertThat(SearchAnswers.messages(r.json())).contains(SCRIPT, IMG, QUOTES);
        assertThat(r.raw().headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(r.raw().headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
    }

    @Test
    void tailReturnsLinesAfterTheCursorOldestFirst() {
        long after = Instant.parse(BASE + "05Z").toEpochMilli();
        JsonNode r = api.get("/api/tail", Map.of("after", Long.toString(after))).json();
        assertThat(SearchAnswers.messages(r)).containsExactly("connection refused to db-primary", QUOTES);
        assertThat(r.path("after").asLong()).isEqualTo(Instant.parse(BASE + "07Z").toEpochMilli());
    }

    @Test
    void downloadAsTextLines() {
        Api.Response r = api.get("/api/download", Map.of("format", "text", "q", "level:ERROR"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().lines()).containsExactlyInAnyOrder("payment failed for order 42 timeout", SCRIPT);
        assertThat(r.raw().headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");
    }
}
