package io.logagent.transfer.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logagent.core.event.LogHeaders;
import io.logagent.core.event.PatternFields;
import io.logagent.core.time.Stamp;
import io.logagent.transfer.index.IndexNaming;
import io.logagent.transfer.patterns.PatternMatch;
import io.logagent.transfer.patterns.PatternMiner;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Turns a Kafka record from the agent (or any producer) into a document:
 * <pre>
 * message     the line, decoded as UTF-8 (invalid bytes become U+FFFD)
 * &#64;timestamp  from the line ({@link TimestampExtractor}; the entry's time_zone and timestamp headers apply), else
 *             the read time: the read_time header (older agents), else the record timestamp (which the agent sets
 *             to the time it read the line)
 * timestamp_source  "line" when &#64;timestamp came from the line, "read" when it is the read time: unparsed lines
 *             are one search away ({@code timestamp_source:read})
 * level       TRACE/DEBUG/INFO/WARN/ERROR/FATAL when the line declares one ({@link LevelExtractor})
 * topic, host, path, file_id, module   keywords; headers that are absent are left out
 * offset      byte offset of the line in its file (long)
 * truncated   original length in bytes when the agent cut the line
 * fields.NAME the entry's static fields (headers field.NAME), as an object "fields"
 * pattern, pattern_id  the line's template and its id ({@link PatternMiner}), unless [transfer] patterns=false
 * json.*      a line that is a JSON object, parsed (the prefix is [transfer] json_field; empty disables it)
 * </pre>
 * The index is the day the line was read (ingestion day), not the day of &#64;timestamp: a file of old lines lands in
 * today's index instead of creating one index per day it mentions, and retention by index age stays true to when
 * data arrived. Searches go through the aliases, so they find every &#64;timestamp wherever it is stored.
 * Never throws for a record's content: whatever bytes arrive become a document.
 */
public final class DocumentBuilder {

    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ISO_INSTANT;

    private final ObjectMapper mapper;
    private final Clock clock;
    private final TimestampExtractor timestamps;
    private final LevelExtractor levels;
    private final IndexNaming naming;
    private final String jsonField;
    private final PatternMiner patterns;

    /** A builder that writes no pattern fields. */
    public DocumentBuilder(ObjectMapper mapper, Clock clock, TimestampExtractor timestamps, LevelExtractor levels,
                           IndexNaming naming, String jsonField) {
        this(mapper, clock, timestamps, levels, naming, jsonField, null);
    }

    /** @param patterns the consume loop's miner, or {@code null}: patterns off ({@code [transfer] patterns}) */
    public DocumentBuilder(ObjectMapper mapper, Clock clock, TimestampExtractor timestamps, LevelExtractor levels,
                           IndexNaming naming, String jsonField, PatternMiner patterns) {
        this.patterns = patterns;
        this.mapper = mapper;
        this.clock = clock;
        this.timestamps = timestamps;
        this.levels = levels;
        this.naming = naming;
        this.jsonField = jsonField;
    }

    public LogDocument build(ConsumerRecord<byte[], byte[]> record) {
        String message = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
        String host = header(record, LogHeaders.HOST);
        String fileId = header(record, LogHeaders.FILE_ID);
        String offsetText = header(record, LogHeaders.OFFSET);
        Long offset = parseLong(offsetText);
        Instant readTime = Optional.ofNullable(parseLong(header(record, LogHeaders.READ_TIME))).map(Instant::ofEpochMilli)
                .orElseGet(() -> record.timestamp() >= 0 ? Instant.ofEpochMilli(record.timestamp()) : clock.instant());
        Stamp stamp = timestamps.extract(message, header(record, LogHeaders.TIME_ZONE),
                header(record, LogHeaders.TIMESTAMP_PATTERN), header(record, LogHeaders.TIMESTAMP_REGEX), readTime);
        Instant timestamp = stamp != null ? stamp.instant() : readTime;

        ObjectNode doc = mapper.createObjectNode();
        doc.put("@timestamp", ISO_MILLIS.format(timestamp.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
        doc.put("timestamp_source", stamp != null ? "line" : "read");
        doc.put("message", message);
        doc.put("topic", record.topic());
        if (patterns != null) {
            PatternMatch pattern = patterns.match(record.topic(), message);
            doc.put(PatternFields.PATTERN, pattern.template());
            doc.put(PatternFields.PATTERN_ID, pattern.id());
        }
        String level = levels.extract(message, stamp);
        if (level != null) {
            doc.put("level", level);
        }
        putIfPresent(doc, "host", host);
        putIfPresent(doc, "path", header(record, LogHeaders.PATH));
        if (offset != null) {
            doc.put("offset", offset);
        }
        putIfPresent(doc, "file_id", fileId);
        putIfPresent(doc, "module", header(record, LogHeaders.MODULE));
        Long truncated = parseLong(header(record, LogHeaders.TRUNCATED));
        if (truncated != null) {
            doc.put("truncated", truncated);
        }
        ObjectNode fields = null;
        for (Header h : record.headers()) {
            if (h.key().startsWith(LogHeaders.FIELD_PREFIX) && h.key().length() > LogHeaders.FIELD_PREFIX.length()
                    && h.value() != null) {
                if (fields == null) {
                    fields = doc.putObject("fields");
                }
                fields.put(h.key().substring(LogHeaders.FIELD_PREFIX.length()),
                        new String(h.value(), StandardCharsets.UTF_8));
            }
        }

        String id = host != null && fileId != null && offsetText != null
                ? DocumentIds.ofLine(host, fileId, offsetText)
                : DocumentIds.ofRecord(record.topic(), record.partition(), record.offset());
        String index = naming.dailyIndex(record.topic(), readTime);
        JsonNode json = parseJsonObject(message);
        if (json == null) {
            return new LogDocument(index, id, write(doc), null, record);
        }
        byte[] plain = write(doc);
        doc.set(jsonField, json);
        return new LogDocument(index, id, write(doc), plain, record);
    }

    private JsonNode parseJsonObject(String message) {
        if (jsonField.isEmpty() || !message.stripLeading().startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(message);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null; // looked like JSON but is not: it stays a plain message
        }
    }

    private byte[] write(ObjectNode doc) {
        try {
            return mapper.writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    private static void putIfPresent(ObjectNode doc, String field, String value) {
        if (value != null) {
            doc.put(field, value);
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header h = record.headers().lastHeader(key);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Long parseLong(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null; // a foreign producer's header: ignore rather than reject the line
        }
    }
}
