package io.logagent.core.status;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatusJsonTest {

    final StatusJson json = new StatusJson();

    @Test
    void whatTheAgentWritesIsReadBackWhole() throws Exception {
        StatusReport report = new StatusReport("10.0.0.7", "0.1.0", Instant.parse("2026-12-01T10:00:00Z"), 42,
                Map.of("/logagent/10.0.0.7/collect_config", 40L, "/logagent/groups/web/collect_config", 42L), "bad",
                List.of(new CollectorStatus("/var/log/a.log", "a", CollectorStatus.State.RUNNING, null,
                        List.of(new CollectorStatus.FileStatus("/var/log/a.log", "1:2", "reading", 10, 30, 1.5, 7, 0, 0,
                                null)))),
                Instant.parse("2026-12-01T10:00:05Z"), List.of("/var/log/**"),
                List.of(new StatusReport.RefusedEntry("/logagent/groups/web/collect_config", "/etc/shadow", "s",
                        "outside")),
                Map.of("/logagent/10.0.0.7/collect_config", new StatusReport.FailedRevision(41, "invalid JSON")));
        String text = json.write(report);
        assertThat(text).contains("\"applied_revisions\"", "\"allow_paths\"", "\"refused_entries\"",
                "\"failed_revisions\"", "\"started_at\":\"2026-12-01T10:00:00Z\"");
        assertThat(json.read(text)).isEqualTo(report);
    }

    @Test
    void anOlderOrNewerAgentsDocumentStillReads() throws Exception {
        StatusReport old = json.read("{\"host\":\"h\",\"config_revision\":3,\"some_future_field\":{\"x\":1},"
                + "\"entries\":[{\"path\":\"/p\",\"state\":\"running\"}]}");
        assertThat(old.configRevision()).isEqualTo(3);
        assertThat(old.appliedRevisions()).isEmpty();
        assertThat(old.allowPaths()).isEmpty();
        assertThat(old.entries().getFirst().state()).isEqualTo(CollectorStatus.State.RUNNING);
        assertThat(old.entries().getFirst().files()).isEmpty();
        assertThatThrownBy(() -> json.read("[1]")).isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
    }
}
