package io.logagent.transfer.index;

import com.fasterxml.jackson.databind.JsonNode;
import io.logagent.stack.ElasticsearchServer;
import io.logagent.stack.junit.RealServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link IndexSetup}'s legacy-template fallback and {@link RetentionTask} against a real Elasticsearch 7.10.2
 * (the composable path there is proven by ElasticsearchCompatibilityIT).
 */
@ExtendWith(RealServers.class)
class IndexSetupElasticsearchIT {

    private final SearchEngineFixture engine;

    IndexSetupElasticsearchIT(ElasticsearchServer elasticsearch) { // one instance per test, so one connection per test
        engine = new SearchEngineFixture(elasticsearch.httpUrl());
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private SearchHttp.Response put(String path, String json) throws Exception {
        return engine.http.send("PUT", path, json.getBytes(StandardCharsets.UTF_8), SearchHttp.JSON);
    }

    /**
     * A cluster that refuses {@code _index_template} gets the legacy {@code _template}, and ES 7.10 accepts that body.
     * The refusal is provoked by a foreign composable template of equal priority on the same pattern (a 400, as
     * clusters before 7.8 answer for the unknown endpoint).
     */
    @Test
    void fallsBackToALegacyTemplateWhenTheComposableOneIsRefused() throws Exception {
        String foreign = "it-foreign-" + System.nanoTime();
        assertThat(put("/_index_template/" + foreign, "{\"index_patterns\":[\"es-legacy-*\"],\"priority\":"
                + IndexMappings.PRIORITY + "}").ok()).isTrue();
        try {
            IndexSetup setup = engine.setupFor("es-legacy");
            setup.ensureIndex("es-legacy-2026.11.30", "es-legacy");

            JsonNode legacy = engine.get("/_template/" + IndexSetup.TEMPLATE_NAME).path(IndexSetup.TEMPLATE_NAME);
            assertThat(legacy.path("index_patterns").toString()).isEqualTo("[\"es-legacy-*\"]");
            assertThat(legacy.path("order").asInt()).isEqualTo(IndexMappings.PRIORITY);
            assertThat(legacy.path("aliases").has("logagent")).isTrue();
            assertThat(legacy.path("mappings").path("properties").path("message").path("type").asText()).isEqualTo("text");
            // The explicit create body still gives the index everything, whichever template the cluster applied.
            JsonNode index = engine.get("/es-legacy-2026.11.30").path("es-legacy-2026.11.30");
            assertThat(index.path("aliases").has("es-legacy")).isTrue();
            assertThat(index.path("aliases").has("logagent")).isTrue();
            assertThat(index.path("mappings").path("properties").path("host").path("type").asText()).isEqualTo("keyword");
        } finally {
            // The node is shared with the other Elasticsearch tests of this JVM, which expect no legacy template.
            engine.http.send("DELETE", "/_template/" + IndexSetup.TEMPLATE_NAME);
            engine.http.send("DELETE", "/_index_template/" + foreign);
            engine.http.send("DELETE", "/es-legacy-2026.11.30");
        }
    }

    @Test
    void retentionDeletesOnlyExpiredDailyIndices() throws Exception {
        engine.assertRetentionDeletesOnlyExpiredDailyIndices(engine.setupFor("es-retention"), "es-retention");
    }
}
