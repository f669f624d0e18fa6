package io.logagent.transfer;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** How the index must store the lines that {@link RealStack#produceAgentLines} sends. */
final class AgentLineDocument {

    private AgentLineDocument() {
    }

    /**
     * Asserts the {@code _source} of line 42: its own date and level parsed from the text, every location header
     * (offset 4200) kept, and the agent's extra field.
     */
    static void assertIsLine42(JsonNode source, String host, String topic) {
        assertThat(source.path("message").asText()).isEqualTo("2026-11-30 06:13:00,042 INFO line 42");
        assertThat(source.path("@timestamp").asText()).isEqualTo("2026-11-30T06:13:00.042Z");
        assertThat(source.path("level").asText()).isEqualTo("INFO");
        assertThat(source.path("host").asText()).isEqualTo(host);
        assertThat(source.path("path").asText()).isEqualTo("/var/log/app.log");
        assertThat(source.path("offset").asLong()).isEqualTo(4200);
        assertThat(source.path("file_id").asText()).isEqualTo(RealStack.AGENT_FILE_ID);
        assertThat(source.path("module").asText()).isEqualTo("web");
        assertThat(source.path("topic").asText()).isEqualTo(topic);
        assertThat(source.path("fields").path("env").asText()).isEqualTo("prod");
    }
}
