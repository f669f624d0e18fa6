package io.logagent.console.patterns;

import com.fasterxml.jackson.databind.JsonNode;
import io.logagent.console.Api;
import io.logagent.console.ConsoleFixture;
import io.logagent.console.MutableClock;
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

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/patterns} against a real OpenSearch holding documents in the transfer's shape: counts per
 * {@code pattern_id} under the query and range, sparklines that add up to the counts, "new" only for a pattern
 * whose first line ever lies in the range, an earlier id of a template (linked in the store) counted with it,
 * lines without a pattern counted apart, and the search API's auth.
 */
@ExtendWith(RealServers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PatternApiTest {

    static final String INDEX = "patterns_api-2026.11.30";
    static final Instant NOW = Instant.parse("2026-11-30T10:15:00Z");

    ConsoleFixture console;
    Api api;

    @BeforeAll
    void seed(OpenSearchServer os, EtcdServer etcd, @TempDir Path dir) throws Exception {
        OpenSearchSeed.createIndex(os.httpUrl(), INDEX, List.of("patterns_api"));
        List<String> docs = new ArrayList<>();
        // "old": 6 lines in the last 15 minutes, and its first line a day earlier: not new
        for (int i = 0; i < 6; i++) {
            docs.add(PatternDocs.doc(NOW.minusSeconds(60L * i + 30), "INFO", "user u" + i + " logged in", "a1", "user <*> logged in"));
        }
        docs.add(PatternDocs.doc(NOW.minusSeconds(86_400), "INFO", "user zed logged in", "a1", "user <*> logged in"));
        // "fresh": 3 lines, all in the range: new
        for (int i = 0; i < 3; i++) {
            docs.add(PatternDocs.doc(NOW.minusSeconds(100L + i), "ERROR", "disk " + i + " full", "b2", "disk <*> full"));
        }
        // indexed before "user <*> logged in" generalised: the earlier id, linked in the store
        docs.add(PatternDocs.doc(NOW.minusSeconds(200), "INFO", "user u0 logged in", "a0", "user u0 logged in"));
        // indexed with [transfer] patterns=false: no pattern fields
        docs.add(PatternDocs.doc(NOW.minusSeconds(10), "INFO", "no pattern here", null, null));
        OpenSearchSeed.index(os.httpUrl(), INDEX, docs);
        PatternDocs.store(os.httpUrl(), "patterns_api", List.of(
                "{\"_id\":\"a0\",\"topic\":\"app\",\"pattern\":\"user u0 logged in\",\"replaced_by\":\"a1\"}",
                "{\"_id\":\"a1\",\"topic\":\"app\",\"pattern\":\"user <*> logged in\"}"));
        console = new ConsoleFixture(dir, etcd.endpoint(), os.httpUrl(), "", "patterns_api", new MutableClock(NOW));
        api = console.admin();
    }

    @AfterAll
    void stop() throws Exception {
        if (api != null) {
            api.close();
        }
        if (console != null) {
            console.close();
        }
    }

    JsonNode patterns(Map<String, String> params) {
        Api.Response r = api.get("/api/patterns", params);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void byCountWithSparklinesAndNewInThisRange() {
        JsonNode r = patterns(Map.of("from", "now-15m", "to", "now"));
        assertThat(r.path("lines").asLong()).isEqualTo(11);
        assertThat(r.path("withoutPattern").asLong()).isEqualTo(1);
        JsonNode list = r.path("patterns");
        assertThat(list).hasSize(2);
        JsonNode old = list.path(0);
        assertThat(old.path("id").asText()).isEqualTo("a1");
        assertThat(old.path("pattern").asText()).isEqualTo("user <*> logged in");
        assertThat(old.path("topic").asText()).isEqualTo("app");
        assertThat(old.path("count").asLong()).as("6 lines of a1 and 1 of a0, its earlier id").isEqualTo(7);
        assertThat(old.path("ids")).extracting(JsonNode::asText).containsExactly("a1", "a0");
        assertThat(old.path("isNew").asBoolean()).isFalse();
        assertThat(Instant.parse(old.path("firstSeen").asText())).isEqualTo(NOW.minusSeconds(86_400));
        JsonNode fresh = list.path(1);
        assertThat(fresh.path("id").asText()).isEqualTo("b2");
        assertThat(fresh.path("count").asLong()).isEqualTo(3);
        assertThat(fresh.path("isNew").asBoolean()).isTrue();
        for (JsonNode p : list) {
            long sum = 0;
            for (JsonNode v : p.path("spark")) {
                sum += v.asLong();
            }
            assertThat(sum).as("sparkline of " + p.path("id")).isEqualTo(p.path("count").asLong());
            assertThat(p.path("spark").size()).isBetween(30, 31);
        }
    }

    @Test
    void theQueryAndTheRangeApply() {
        JsonNode errors = patterns(Map.of("q", "level:ERROR"));
        assertThat(errors.path("patterns")).hasSize(1);
        assertThat(errors.path("patterns").path(0).path("id").asText()).isEqualTo("b2");

        JsonNode day = patterns(Map.of("from", "now-2d"));
        assertThat(day.path("patterns").path(0).path("count").asLong()).isEqualTo(8);
        assertThat(day.path("patterns").path(0).path("isNew").asBoolean()).as("first seen inside 2 days").isTrue();
    }

    @Test
    void sizeIsCheckedAndTheOthersCounted() {
        JsonNode one = patterns(Map.of("size", "1"));
        assertThat(one.path("patterns")).hasSize(1);
        assertThat(one.path("others").asLong()).as("b2, and a0 (not among the top 1)").isEqualTo(4);
        assertThat(api.get("/api/patterns", Map.of("size", "0")).status()).isEqualTo(400);
        assertThat(api.get("/api/patterns", Map.of("q", "level:(")).status()).isEqualTo(400);
    }

    @Test
    void needsALoginLikeSearch() {
        try (Api anonymous = console.anonymous()) {
            assertThat(anonymous.get("/api/patterns").status()).isEqualTo(401);
        }
    }
}
