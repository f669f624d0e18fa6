package io.logagent.transfer.document;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One record turned into a document, ready for a bulk request. The original record is kept: a document the index
 * refuses goes to the dead-letter topic with its original value and headers.
 *
 * @param index       the daily index it belongs to
 * @param id          deterministic, see {@link DocumentIds}
 * @param source      the document JSON
 * @param plainSource the document without the parsed JSON object (message only), or {@code null} when the line
 *                    was not parsed as JSON; used once when the parsed fields clash with the index mapping
 * @param record      the Kafka record it came from
 */
public record LogDocument(String index, String id, byte[] source, byte[] plainSource,
                          ConsumerRecord<byte[], byte[]> record) {

    public boolean hasParsedJson() {
        return plainSource != null;
    }

    /** The same document with its parsed JSON dropped: the fallback for a mapping conflict. */
    public LogDocument withoutParsedJson() {
        return new LogDocument(index, id, plainSource, null, record);
    }

    /** Bytes this document adds to a bulk request body (source plus action line, roughly). */
    public int sizeInBulk() {
        return source.length + index.length() + id.length() + 40;
    }
}
