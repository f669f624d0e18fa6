package io.logagent.console.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.logagent.console.Api;
import io.logagent.console.ConsoleFixture;
import io.logagent.stack.EtcdServer;
import io.logagent.stack.OpenSearchServer;
import io.logagent.stack.junit.RealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Facets of any keyword field against a real OpenSearch: the fields from the mappings, top values, other, missing. */
@ExtendWith(RealServers.class)
class FieldFacetApiTest {

    static final String ALIAS = "field_facets_api";

    @Test
    void anyKeywordFieldOfTheMappingHasTopValuesWithCounts(OpenSearchServer os, EtcdServer etcd, @TempDir Path dir)
            throws Exception {
        Instant now = Instant.now();
        FieldFacetSeed.seed(os.httpUrl(), ALIAS, now);
        try (ConsoleFixture console = new ConsoleFixture(dir, etcd.endpoint(), os.httpUrl(), "", ALIAS,
                Clock.systemUTC()); Api api = console.admin()) {
            Api.Response fields = api.get("/api/fields");
            assertThat(fields.status()).as(fields.body()).isEqualTo(200);
            List<String> keyword = new ArrayList<>();
            fields.json().path("keyword").forEach(f -> keyword.add(f.asText()));
            assertThat(keyword).contains("host", "level", "topic", "fields.env", "json.user", "json.note.raw")
                    .doesNotContain("message", "offset", "@timestamp", "json.note").isSorted();

            Map<String, Long> env = values(top(api, Map.of("field", "fields.env", "from", "now-1h")));
            assertThat(env).containsExactly(Map.entry("prod", 3L), Map.entry("staging", 1L));
            JsonNode envTop = top(api, Map.of("field", "fields.env", "from", "now-1h"));
            assertThat(envTop.path("missing").asLong()).isEqualTo(2); // the two lines without env
            assertThat(envTop.path("other").asLong()).isZero();

            JsonNode one = top(api, Map.of("field", "fields.env", "from", "now-1h", "size", "1"));
            assertThat(values(one)).containsExactly(Map.entry("prod", 3L));
            assertThat(one.path("other").asLong()).as("staging is counted, not hidden").isEqualTo(1);

            // Only in the second day's index; the query narrows the counts like every facet.
            assertThat(values(top(api, Map.of("field", "json.user", "from", "now-1h"))))
                    .containsExactly(Map.entry("alice", 2L), Map.entry("bob", 1L));
            assertThat(values(top(api, Map.of("field", "json.user", "from", "now-1h", "q", "level:warn"))))
                    .containsExactly(Map.entry("alice", 1L));
            assertThat(values(top(api, Map.of("field", "fields.env", "from", "now-1h", "q", "NOT fields.env:prod"))))
                    .containsExactly(Map.entry("staging", 1L));

            Api.Response text = api.get("/api/facets/field", Map.of("field", "message", "from", "now-1h"));
            assertThat(text.status()).isEqualTo(400);
            assertThat(text.body()).contains("'message' is not a keyword field", "fields.env", "json.user");
            assertThat(api.get("/api/facets/field", Map.of("field", "fields.env", "size", "101")).status()).isEqualTo(400);
            assertThat(api.get("/api/facets/field", Map.of("from", "now-1h")).status()).isEqualTo(400);
        }
    }

    static JsonNode top(Api api, Map<String, String> query) {
        Api.Response r = api.get("/api/facets/field", query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    static Map<String, Long> values(JsonNode top) {
        Map<String, Long> out = new LinkedHashMap<>();
        top.path("values").forEach(v -> out.put(v.path("value").asText(), v.path("count").asLong()));
        return out;
    }
}
