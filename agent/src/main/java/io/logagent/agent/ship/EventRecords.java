package io.logagent.agent.ship;

import io.logagent.core.collect.CollectEntry.RecordKey;
import io.logagent.core.event.LogHeaders;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Turns an event into a Kafka record. The value stays the raw line as the seed sent it, so existing consumers
 * keep working; where the line came from travels in {@link LogHeaders} headers.
 */
final class EventRecords {
    private final byte[] host;

    EventRecords(String host) {
        this.host = utf8(host);
    }

    /** @param partition null to let the producer's partitioner hash the key */
    ProducerRecord<byte[], byte[]> toRecord(LogEvent e, Integer partition) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(LogHeaders.HOST, host);
        headers.add(LogHeaders.PATH, utf8(e.path()));
        headers.add(LogHeaders.OFFSET, utf8(Long.toString(e.offset())));
        headers.add(LogHeaders.FILE_ID, utf8(e.fileId()));
        headers.add(LogHeaders.READ_TIME, utf8(Long.toString(e.readTimeMillis())));
        if (e.entry().module() != null) {
            headers.add(LogHeaders.MODULE, utf8(e.entry().module()));
        }
        for (Map.Entry<String, String> f : e.entry().fields().entrySet()) {
            headers.add(LogHeaders.FIELD_PREFIX + f.getKey(), utf8(f.getValue()));
        }
        if (e.truncated()) {
            headers.add(LogHeaders.TRUNCATED, utf8(Long.toString(e.originalLength())));
        }
        return new ProducerRecord<>(e.entry().topic(), partition, null, key(e), e.value(), headers);
    }

    static byte[] key(LogEvent e) {
        RecordKey key = e.entry().key();
        return switch (key.kind()) {
            case NONE -> null;
            case PATH -> utf8(e.path());
            case FIELD -> utf8(e.entry().fields().get(key.field()));
        };
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
