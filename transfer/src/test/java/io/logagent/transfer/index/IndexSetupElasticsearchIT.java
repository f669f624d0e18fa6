package io.logagent.transfer.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logagent.core.ini.IniFile;
import io.logagent.stack.ElasticsearchServer;
import io.logagent.stack.junit.RealServers;
import io.logagent.transfer.config.TransferConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link IndexSetup}'s legacy-template fallback and {@link RetentionTask} against a real Elasticsearch 7.10.2
 * (the composable path there is proven by ElasticsearchCompatibilityIT).
 */
@ExtendWith(RealServers.class)
class IndexSetupElasticsearchIT {

    private final ElasticsearchServer elasticsearch;
    private final ObjectMapper mapper = new ObjectMapper();
    private final IndexNaming naming = new IndexNaming("logagent");
    private SearchHttp http;

    IndexSetupElasticsearchIT(ElasticsearchServer elasticsearch) {
        this.elasticsearch = elasticsearch;
    }

    @BeforeEach
    void connect() {
        TransferConfig.Index config = TransferConfig.from(IniFile.parse("it", "[kafka]\ntopic=unused\n[es]\naddress="
                + elasticsearch.httpUrl() + "\n")).index();
        http = SearchHttp.connect(config, Duration.ofSeconds(30));
    }

    @AfterEach
    void close() {
        http.close();
    }

    private IndexSetup setupFor(String topic) {
        return new IndexSetup(http, mapper, new IndexMappings(mapper, 1, 0, "json"), naming, List.of(topic));
    }

    private JsonNode get(String path) throws IOException {
        return mapper.readTree(http.send("GET", path).body());
    }

    private SearchHttp.Response put(String path, String json) throws IOException {
        return http.send("PUT", path, json.getBytes(StandardCharsets.UTF_8), SearchHttp.JSON);
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
            IndexSetup setup = setupFor("es-legacy");
            setup.ensureIndex("es-legacy-2026.11.30", "es-legacy");

            JsonNode legacy = get("/_template/" + IndexSetup.TEMPLATE_NAME).path(IndexSetup.TEMPLATE_NAME);
            assertThat(legacy.path("index_patterns").toString()).isEqualTo("[\"es-legacy-*\"]");
            assertThat(legacy.path("order").asInt()).isEqualTo(IndexMappings.PRIORITY);
            assertThat(legacy.path("aliases").has("logagent")).isTrue();
            assertThat(legacy.path("mappings").path("properties").path("message").path("type").asText()).isEqualTo("text");
            // The explicit create body still gives the index everything, whichever template the cluster applied.
            JsonNode index = get("/es-legacy-2026.11.30").path("es-legacy-2026.11.30");
            assertThat(index.path("aliases").has("es-legacy")).isTrue();
            assertThat(index.path("aliases").has("logagent")).isTrue();
            assertThat(index.path("mappings").path("properties").path("host").path("type").asText()).isEqualTo("keyword");
        } finally {
            // The node is shared with the other Elasticsearch tests of this JVM, which expect no legacy template.
            http.send("DELETE", "/_template/" + IndexSetup.TEMPLATE_NAME);
            http.send("DELETE", "/_index_template/" + foreign);
            http.send("DELETE", "/es-legacy-2026.11.30");
        }
    }

    @Test
    void retentionDeletesOnlyExpiredDailyIndices() throws Exception {
        IndexSetup setup = setupFor("es-retention");
        setup.ensureIndex("es-retention-2020.01.01", "es-retention");
        setup.ensureIndex("es-retention-2026.11.25", "es-retention");
        setup.ensureIndex("es-retention-2026.11.30", "es-retention");
        Clock clock = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

        List<String> deleted = new RetentionTask(http, mapper, naming, setup, clock, 3).deleteExpired();

        assertThat(deleted).contains("es-retention-2020.01.01", "es-retention-2026.11.25")
                .doesNotContain("es-retention-2026.11.30");
        assertThat(http.send("HEAD", "/es-retention-2020.01.01").status()).isEqualTo(404);
        assertThat(http.send("HEAD", "/es-retention-2026.11.30").status()).isEqualTo(200);
    }
}
