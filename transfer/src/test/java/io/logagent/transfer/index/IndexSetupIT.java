package io.logagent.transfer.index;

import com.fasterxml.jackson.databind.JsonNode;
import io.logagent.stack.OpenSearchServer;
import io.logagent.stack.junit.RealServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** Template, daily index creation with both aliases, and retention, against the real OpenSearch. */
@ExtendWith(RealServers.class)
class IndexSetupIT {

    private final SearchEngineFixture engine;
    private final IndexSetup setup;

    IndexSetupIT(OpenSearchServer search) { // one instance per test, so one connection per test
        engine = new SearchEngineFixture(search.httpUrl());
        setup = engine.setupFor("it-setup");
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void createsTemplateAndDailyIndexWithBothAliases() throws Exception {
        setup.ensureIndex("it-setup-2026.11.30", "it-setup");
        setup.forget("it-setup-2026.11.30");
        setup.ensureIndex("it-setup-2026.11.30", "it-setup"); // already exists: still fine

        JsonNode template = engine.get("/_index_template/" + IndexSetup.TEMPLATE_NAME).path("index_templates").get(0);
        assertThat(template.path("index_template").path("index_patterns").get(0).asText()).isEqualTo("it-setup-*");
        JsonNode aliases = engine.get("/it-setup-2026.11.30/_alias").path("it-setup-2026.11.30").path("aliases");
        assertThat(aliases.has("it-setup")).isTrue();
        assertThat(aliases.has("logagent")).isTrue();
        JsonNode index = engine.get("/it-setup-2026.11.30").path("it-setup-2026.11.30");
        assertThat(index.path("settings").path("index").path("number_of_replicas").asText()).isEqualTo("0");
        assertThat(index.path("mappings").path("dynamic_templates").toString()).contains("json.*").contains("fields.*");
    }

    @Test
    void retentionDeletesOnlyExpiredDailyIndices() throws Exception {
        engine.assertRetentionDeletesOnlyExpiredDailyIndices(setup, "it-retention");
    }
}
