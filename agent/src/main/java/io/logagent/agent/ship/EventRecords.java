package io.logagent.agent.ship;

import io.logagent.core.event.LogHeaders;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/**
 * Turns an event into a Kafka record. The value stays the raw line as the seed sent it, so existing consumers
 * keep working; where the line came from travels in {@link LogHeaders} headers. The record's timestamp is the
 * time the line was read (the transfer's fallback when the line has no date of its own).
 *
 * <p>Cost per line matters here (it runs for every line at hundreds of thousands per second): the host and the
 * per-file headers are encoded once ({@link EventSource}) and shared; only the offset is encoded per line, as
 * decimal ASCII straight into its byte array.
 */
public final class EventRecords {

    /**
     * Room for a record's headers (host, path, offset, file id, read time, module, fields, truncated) and the record
     * and batch framing on top of its value. {@code [tail] max_line_bytes} defaults to 1 MiB minus this, so that the
     * longest line fits the 1 MiB that Kafka's defaults allow ({@code max.request.size}, broker
     * {@code message.max.bytes}, topic {@code max.message.bytes}) even when it does not compress.
     */
    public static final int RECORD_OVERHEAD_BYTES = 32 << 10;

    private final Header host;

    EventRecords(String host) {
        this.host = new RecordHeader(LogHeaders.HOST, host.getBytes(StandardCharsets.UTF_8));
    }

    /** @param partition null to let the producer's partitioner hash the key */
    ProducerRecord<byte[], byte[]> toRecord(LogEvent e, Integer partition) {
        EventSource source = e.source();
        Header[] perFile = source.fileHeaders();
        Header[] all = new Header[perFile.length + (e.truncated() ? 3 : 2)];
        all[0] = host;
        System.arraycopy(perFile, 0, all, 1, perFile.length);
        all[perFile.length + 1] = new RecordHeader(LogHeaders.OFFSET, decimal(e.offset()));
        if (e.truncated()) {
            all[perFile.length + 2] = new RecordHeader(LogHeaders.TRUNCATED, decimal(e.originalLength()));
        }
        return new ProducerRecord<>(source.entry().topic(), partition, e.readTimeMillis(), source.key(), e.value(),
                new RecordHeaders(all));
    }

    /** A non-negative number as decimal ASCII, without going through a String. */
    static byte[] decimal(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative: " + value);
        }
        int digits = 1;
        for (long v = value / 10; v > 0; v /= 10) {
            digits++;
        }
        byte[] out = new byte[digits];
        long v = value;
        for (int i = digits - 1; i >= 0; i--) {
            out[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return out;
    }
}
