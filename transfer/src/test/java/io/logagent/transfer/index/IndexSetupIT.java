package io.logagent.transfer.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logagent.core.ini.IniFile;
import io.logagent.stack.OpenSearchServer;
import io.logagent.stack.junit.RealServers;
import io.logagent.transfer.config.TransferConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Template, daily index creation with both aliases, and retention, against the real OpenSearch. */
@ExtendWith(RealServers.class)
class IndexSetupIT {

    private final OpenSearchServer search;
    private final ObjectMapper mapper = new ObjectMapper();
    private final IndexNaming naming = new IndexNaming("logagent");
    private SearchHttp http;
    private IndexSetup setup;

    IndexSetupIT(OpenSearchServer search) {
        this.search = search;
    }

    @BeforeEach
    void connect() {
        TransferConfig.Index config = TransferConfig.from(IniFile.parse("it", "[kafka]\ntopic=it-setup\n[es]\naddress="
                + search.httpUrl() + "\n")).index();
        http = SearchHttp.connect(config, Duration.ofSeconds(30));
        setup = new IndexSetup(http, mapper, new IndexMappings(mapper, 1, 0, "json"), naming, List.of("it-setup"));
    }

    @AfterEach
    void close() {
        http.close();
    }

    private JsonNode get(String path) throws IOException {
        return mapper.readTree(http.send("GET", path).body());
    }

    @Test
    void createsTemplateAndDailyIndexWithBothAliases() throws Exception {
        setup.ensureIndex("it-setup-2026.11.30", "it-setup");
        setup.forget("it-setup-2026.11.30");
        setup.ensureIndex("it-setup-2026.11.30", "it-setup"); // already exists: still fine

        JsonNode template = get("/_index_template/" + IndexSetup.TEMPLATE_NAME).path("index_templates").get(0);
        assertThat(template.path("index_template").path("index_patterns").get(0).asText()).isEqualTo("it-setup-*");
        JsonNode aliases = get("/it-setup-2026.11.30/_alias").path("it-setup-2026.11.30").path("aliases");
        assertThat(aliases.has("it-setup")).isTrue();
        assertThat(aliases.has("logagent")).isTrue();
        JsonNode index = get("/it-setup-2026.11.30").path("it-setup-2026.11.30");
        assertThat(index.path("settings").path("index").path("number_of_replicas").asText()).isEqualTo("0");
        assertThat(index.path("mappings").path("dynamic_templates").toString()).contains("json.*").contains("fields.*");
    }

    @Test
    void retentionDeletesOnlyExpiredDailyIndices() throws Exception {
        setup.ensureIndex("it-retention-2020.01.01", "it-retention");
        setup.ensureIndex("it-retention-2026.11.25", "it-retention");
        setup.ensureIndex("it-retention-2026.11.30", "it-retention");
        Clock clock = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

        List<String> deleted = new RetentionTask(http, mapper, naming, setup, clock, 3).deleteExpired();

        assertThat(deleted).contains("it-retention-2020.01.01", "it-retention-2026.11.25")
                .doesNotContain("it-retention-2026.11.30");
        assertThat(http.send("HEAD", "/it-retention-2020.01.01").status()).isEqualTo(404);
        assertThat(http.send("HEAD", "/it-retention-2026.11.30").status()).isEqualTo(200);
    }
}
