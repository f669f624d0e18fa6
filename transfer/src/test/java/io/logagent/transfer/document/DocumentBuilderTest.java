package io.logagent.transfer.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logagent.transfer.index.IndexNaming;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentBuilderTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private final DocumentBuilder builder = new DocumentBuilder(mapper, clock, new TimestampExtractor(clock, ZoneOffset.UTC),
            new LevelExtractor(), new IndexNaming("logagent"), "json");

    static ConsumerRecord<byte[], byte[]> record(String topic, int partition, long offset, long timestamp, byte[] value,
                                                 String... headers) {
        RecordHeaders h = new RecordHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return new ConsumerRecord<>(topic, partition, offset, timestamp, TimestampType.CREATE_TIME, -1, value.length,
                null, value, h, Optional.empty());
    }

    private JsonNode source(LogDocument d) throws IOException {
        return mapper.readTree(d.source());
    }

    @Test
    void agentRecordBecomesDocumentWithEveryField() throws IOException {
        LogDocument d = builder.build(record("Web_Log", 2, 77, 1_000, "2026-11-30 06:13:00,123 WARN disk".getBytes(),
                "host", "10.0.0.5", "path", "/var/log/app.log", "offset", "4096", "file_id", "2049:131:abc",
                "read_time", "1764483181000", "module", "web", "field.env", "prod", "field.dc", "eu-1", "truncated", "9000"));
        JsonNode s = source(d);
        assertThat(s.get("message").asText()).isEqualTo("2026-11-30 06:13:00,123 WARN disk");
        assertThat(s.get("@timestamp").asText()).isEqualTo("2026-11-30T06:13:00.123Z");
        assertThat(s.get("level").asText()).isEqualTo("WARN");
        assertThat(s.get("host").asText()).isEqualTo("10.0.0.5");
        assertThat(s.get("path").asText()).isEqualTo("/var/log/app.log");
        assertThat(s.get("offset").isIntegralNumber()).isTrue();
        assertThat(s.get("offset").asLong()).isEqualTo(4096);
        assertThat(s.get("file_id").asText()).isEqualTo("2049:131:abc");
        assertThat(s.get("module").asText()).isEqualTo("web");
        assertThat(s.get("topic").asText()).isEqualTo("Web_Log");
        assertThat(s.get("truncated").asLong()).isEqualTo(9000);
        assertThat(s.get("fields").get("env").asText()).isEqualTo("prod");
        assertThat(s.get("fields").get("dc").asText()).isEqualTo("eu-1");
        assertThat(s.get("timestamp_source").asText()).isEqualTo("line");
        assertThat(d.index()).as("the day it was read, not the line's day").isEqualTo("web_log-2025.11.30");
        assertThat(d.id()).isEqualTo(DocumentIds.ofLine("10.0.0.5", "2049:131:abc", "4096"));
        assertThat(d.hasParsedJson()).isFalse();
    }

    @Test
    void timestampFallsBackToReadTimeThenRecordTime() throws IOException {
        LogDocument withReadTime = builder.build(record("t", 0, 1, 1_000, "no date here".getBytes(),
                "read_time", "1764483180000"));
        assertThat(source(withReadTime).get("@timestamp").asText()).isEqualTo("2025-11-30T06:13:00Z");
        LogDocument bare = builder.build(record("t", 0, 1, 1_764_483_180_500L, "no date here".getBytes()));
        assertThat(source(bare).get("@timestamp").asText()).isEqualTo("2025-11-30T06:13:00.500Z");
        assertThat(bare.index()).isEqualTo("t-2025.11.30");
        assertThat(source(bare).get("timestamp_source").asText()).isEqualTo("read");
    }

    @Test
    void oldLinesGoToTheIndexOfTheDayTheyWereReadAndKeepTheirTime() throws IOException {
        long read = Instant.parse("2026-12-01T09:00:00Z").toEpochMilli();
        for (String line : new String[]{"2026-10-03 06:13:00 INFO a", "2031-01-01 00:00:00 INFO b", "Jan  1 00:00:00 h p: c"}) {
            LogDocument d = builder.build(record("app", 0, 1, read, line.getBytes()));
            assertThat(d.index()).isEqualTo("app-2026.12.01");
            assertThat(source(d).get("timestamp_source").asText()).isEqualTo("line");
        }
        assertThat(source(builder.build(record("app", 0, 1, read, "2026-10-03 06:13:00 INFO a".getBytes())))
                .get("@timestamp").asText()).isEqualTo("2026-10-03T06:13:00Z");
    }

    @Test
    void theEntrysZoneAndPatternHeadersApply() throws IOException {
        long read = Instant.parse("2026-12-01T09:00:00Z").toEpochMilli();
        JsonNode la = source(builder.build(record("app", 0, 1, read, "2026-11-30 06:13:00 INFO x".getBytes(),
                "time_zone", "America/Los_Angeles")));
        assertThat(la.get("@timestamp").asText()).isEqualTo("2026-11-30T14:13:00Z");
        JsonNode own = source(builder.build(record("app", 0, 1, read, "job=7 at 30.11.2026 06h13 Error: x".getBytes(),
                "time_zone", "+01:00", "timestamp_pattern", "dd.MM.yyyy HH'h'mm", "timestamp_regex", "at (?<ts>\\S+ \\S+)")));
        assertThat(own.get("@timestamp").asText()).isEqualTo("2026-11-30T05:13:00Z");
        assertThat(own.get("level").asText()).isEqualTo("ERROR");
        JsonNode zoned = source(builder.build(record("app", 0, 1, read, "2026-11-30T06:13:00Z INFO x".getBytes(),
                "time_zone", "America/Los_Angeles")));
        assertThat(zoned.get("@timestamp").asText()).as("a zone in the line wins").isEqualTo("2026-11-30T06:13:00Z");
    }

    @Test
    void recordWithoutAgentHeadersIsNamedByKafkaCoordinates() throws IOException {
        LogDocument d = builder.build(record("seed", 3, 99, 1_000, "hello".getBytes()));
        assertThat(d.id()).isEqualTo(DocumentIds.ofRecord("seed", 3, 99));
        JsonNode s = source(d);
        assertThat(s.has("host")).isFalse();
        assertThat(s.has("offset")).isFalse();
        assertThat(s.has("fields")).isFalse();
    }

    @Test
    void invalidUtf8IsDecodedWithReplacementCharacters() throws IOException {
        byte[] value = {'a', (byte) 0xC3, (byte) 0x28, 'b', (byte) 0xFF};
        LogDocument d = builder.build(record("t", 0, 0, 1_000, value));
        assertThat(source(d).get("message").asText()).isEqualTo("a\uFFFD(b\uFFFD");
    }

    @Test
    void jsonLineIsParsedUnderThePrefixAndKeepsAPlainFallback() throws IOException {
        LogDocument d = builder.build(record("t", 0, 0, 1_000, "{\"user\":\"bob\",\"n\":5,\"level\":\"error\"}".getBytes()));
        assertThat(d.hasParsedJson()).isTrue();
        JsonNode s = source(d);
        assertThat(s.get("json").get("user").asText()).isEqualTo("bob");
        assertThat(s.get("json").get("n").asInt()).isEqualTo(5);
        assertThat(s.get("level").asText()).isEqualTo("ERROR");
        JsonNode plain = source(d.withoutParsedJson());
        assertThat(plain.has("json")).isFalse();
        assertThat(plain.get("message").asText()).isEqualTo(s.get("message").asText());
        assertThat(d.withoutParsedJson().hasParsedJson()).isFalse();
    }

    @Test
    void brokenJsonAndNonObjectsStayPlainMessages() {
        assertThat(builder.build(record("t", 0, 0, 1_000, "{not json".getBytes())).hasParsedJson()).isFalse();
        assertThat(builder.build(record("t", 0, 0, 1_000, "[1,2]".getBytes())).hasParsedJson()).isFalse();
        DocumentBuilder noJson = new DocumentBuilder(mapper, clock, new TimestampExtractor(clock, ZoneOffset.UTC),
                new LevelExtractor(), new IndexNaming("logagent"), "");
        assertThat(noJson.build(record("t", 0, 0, 1_000, "{\"a\":1}".getBytes())).hasParsedJson()).isFalse();
    }

    @Test
    void foreignHeadersThatAreNotNumbersAreIgnored() throws IOException {
        LogDocument d = builder.build(record("t", 0, 5, 1_000, "x".getBytes(), "offset", "abc", "read_time", "soon"));
        assertThat(source(d).has("offset")).isFalse();
        assertThat(source(d).get("@timestamp").asText()).isEqualTo("1970-01-01T00:00:01Z");
    }
}
