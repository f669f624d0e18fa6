package io.logagent.transfer.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logagent.core.ini.IniFile;
import io.logagent.transfer.config.TransferConfig;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link SearchHttp} connection to a real OpenSearch or Elasticsearch with the transfer's defaults, for the index
 * tests that run against both, and the retention check they share.
 */
final class SearchEngineFixture implements AutoCloseable {

    final ObjectMapper mapper = new ObjectMapper();
    final IndexNaming naming = new IndexNaming("logagent");
    final SearchHttp http;

    SearchEngineFixture(String httpUrl) {
        TransferConfig.Index config = TransferConfig.from(IniFile.parse("it", "[kafka]\ntopic=unused\n[es]\naddress="
                + httpUrl + "\n")).index();
        http = SearchHttp.connect(config, Duration.ofSeconds(30), java.time.Clock.systemUTC());
    }

    /** An index setup for {@code topic}: one shard, no replica, parsed JSON under {@code json}. */
    IndexSetup setupFor(String topic) {
        return new IndexSetup(http, mapper, new IndexMappings(mapper, 1, 0, "json"), naming, List.of(topic));
    }

    JsonNode get(String path) throws IOException {
        return mapper.readTree(http.send("GET", path).body());
    }

    /**
     * Creates three daily indices of {@code topic} through {@code setup} and asserts that retention of 3 days, run on
     * 2026-11-30, deletes the two older ones and keeps that day's.
     */
    void assertRetentionDeletesOnlyExpiredDailyIndices(IndexSetup setup, String topic) throws Exception {
        setup.ensureIndex(topic + "-2020.01.01", topic);
        setup.ensureIndex(topic + "-2026.11.25", topic);
        setup.ensureIndex(topic + "-2026.11.30", topic);
        Clock clock = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

        List<String> deleted = new RetentionTask(http, mapper, naming, setup, clock, 3).deleteExpired();

        assertThat(deleted).contains(topic + "-2020.01.01", topic + "-2026.11.25")
                .doesNotContain(topic + "-2026.11.30");
        assertThat(http.send("HEAD", "/" + topic + "-2020.01.01").status()).isEqualTo(404);
        assertThat(http.send("HEAD", "/" + topic + "-2026.11.30").status()).isEqualTo(200);
    }

    @Override
    public void close() {
        http.close();
    }
}
