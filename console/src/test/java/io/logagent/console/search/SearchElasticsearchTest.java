package io.logagent.console.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.logagent.console.Api;
import io.logagent.console.ConsoleFixture;
import io.logagent.console.MutableClock;
import io.logagent.stack.ElasticsearchServer;
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
import java.util.List;
import java.util.Map;

import static io.logagent.console.search.SearchApiTest.BASE;
import static io.logagent.console.search.SearchApiTest.doc;
import static io.logagent.console.search.SearchAnswers.histogramLevel;
import static io.logagent.console.search.SearchAnswers.histogramTotal;
import static io.logagent.console.search.SearchAnswers.messages;
import static io.logagent.console.search.SearchAnswers.offsets;
import static io.logagent.console.search.SearchAnswers.timestamps;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search API against a real Elasticsearch 7.10.2: every request shape the console sends (query_string with
 * highlight and sort, date_histogram with fixed_interval, terms facets, context by offset, the 400 of a bad query)
 * is accepted and read back the same as on OpenSearch ({@link SearchApiTest} covers the behaviour in depth).
 */
@ExtendWith(RealServers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchElasticsearchTest {

    static final String INDEX = "web_log-2026.11.30";

    ConsoleFixture console;
    Api api;
    String esUrl;

    @BeforeAll
    void seed(ElasticsearchServer es, EtcdServer etcd, @TempDir Path dir) throws Exception {
        try (Api engine = new Api(es.httpPort())) {
            assertThat(engine.get("/").json().path("version").path("number").asText()).isEqualTo("7.10.2");
        }
        OpenSearchSeed.createIndex(es.httpUrl(), INDEX, List.of("web_log", "logagent"));
        OpenSearchSeed.index(es.httpUrl(), INDEX, List.of(
                doc("00", "10.0.0.1", "/var/log/web.log", 0, "INFO", "GET /index.html 200 user=alice"),
                doc("01", "10.0.0.1", "/var/log/web.log", 31, "ERROR", "payment failed for order 42 timeout"),
                doc("02", "10.0.0.1", "/var/log/web.log", 70, "WARN", "slow request /api/cart 1200ms"),
                doc("03", "10.0.0.2", "/var/log/app.log", 0, "INFO", "GET /cart 200 user=bob")));
        console = new ConsoleFixture(dir, etcd.endpoint(), es.httpUrl(), "", "logagent",
                new MutableClock(Instant.parse("2026-11-30T10:05:00Z")));
        api = console.admin();
        esUrl = es.httpUrl();
        OpenSearchSeed.createIndex(es.httpUrl(), "paging-2026.11.30", List.of("logagent"));
    }

    /** Two and more pages while about 1,000 lines a second arrive: no repeats, no gaps ({@link PagingUnderWrites}). */
    @Test
    void cursorPagingNeitherRepeatsNorSkipsWhileLinesArrive() throws Exception {
        PagingUnderWrites.check(esUrl, "paging-2026.11.30", api);
    }

    @AfterAll
    void stop() throws Exception {
        api.close();
        console.close();
    }

    private JsonNode search(Map<String, String> params) {
        Api.Response r = api.get("/api/search", params);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void queriesTotalsSortAndHighlightsWork() {
        assertThat(messages(search(Map.of("q", "level:ERROR")))).containsExactly("payment failed for order 42 timeout");
        assertThat(messages(search(Map.of("q", "GET AND NOT alice")))).containsExactly("GET /cart 200 user=bob");
        assertThat(messages(search(Map.of("q", "paym*")))).containsExactly("payment failed for order 42 timeout");

        JsonNode newest = search(Map.of("size", "2"));
        assertThat(newest.path("total").asLong()).isEqualTo(4);
        assertThat(timestamps(newest)).containsExactly(BASE + "03.000Z", BASE + "02.000Z");

        JsonNode hit = search(Map.of("q", "payment OR timeout")).path("hits").path(0);
        assertThat(hit.path("_highlight").toString()).isEqualTo("[[0,7],[28,35]]");
    }

    @Test
    void histogramFacetsAndContextWork() {
        Api.Response h = api.get("/api/histogram", Map.of("from", "2026-11-30T09:59:00Z", "to", "2026-11-30T10:01:00Z"));
        assertThat(h.status()).as(h.body()).isEqualTo(200);
        assertThat(histogramTotal(h.json())).isEqualTo(4);
        assertThat(histogramLevel(h.json(), "ERROR")).isEqualTo(1);

        JsonNode facets = api.get("/api/facets", Map.of()).json();
        assertThat(facets.path("host").toString()).contains("{\"value\":\"10.0.0.1\",\"count\":3}");
        assertThat(facets.path("topic").path(0).path("count").asLong()).isEqualTo(4);

        Api.Response c = api.get("/api/context", Map.of("host", "10.0.0.1", "path", "/var/log/web.log", "offset", "31", "n", "1"));
        assertThat(c.status()).as(c.body()).isEqualTo(200);
        assertThat(offsets(c.json())).containsExactly(0L, 31L, 70L);
    }

    @Test
    void aBadQueryIs400WithTheEnginesReason() {
        Api.Response r = api.get("/api/search", Map.of("q", "message:(unclosed"));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().path("error").asText())
                .isEqualTo("bad query: at column 17: unexpected end of query, expected AND, OR, NOT, +, -, ( …");
        assertThat(messages(search(Map.of("q", "level:error")))).containsExactly("payment failed for order 42 timeout");
    }

    @Test
    void pagesFollowByCursor() {
        JsonNode first = search(Map.of("size", "3"));
        assertThat(timestamps(first)).containsExactly(BASE + "03.000Z", BASE + "02.000Z", BASE + "01.000Z");
        JsonNode next = search(Map.of("size", "3", "after", first.path("next").asText()));
        assertThat(timestamps(next)).containsExactly(BASE + "00.000Z");
        assertThat(next.path("next").isNull()).isTrue();
    }
}
