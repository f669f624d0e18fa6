package io.logagent.transfer.consume;

import io.logagent.transfer.document.LogDocument;
import org.apache.kafka.common.TopicPartition;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects documents into the next bulk request: it is sealed when it reaches {@code maxDocs} documents or
 * {@code maxBytes} bytes, or when its oldest document has waited {@code flushInterval}. Sealing registers the
 * batch's offsets with the {@link OffsetLedger} in consumption order. Consumer thread only.
 */
final class BatchAccumulator {

    private final OffsetLedger ledger;
    private final Clock clock;
    private final int maxDocs;
    private final long maxBytes;
    private final Duration flushInterval;
    private List<LogDocument> docs = new ArrayList<>();
    private long bytes;
    private Instant firstAdded;

    BatchAccumulator(OffsetLedger ledger, Clock clock, int maxDocs, long maxBytes, Duration flushInterval) {
        this.ledger = ledger;
        this.clock = clock;
        this.maxDocs = maxDocs;
        this.maxBytes = maxBytes;
        this.flushInterval = flushInterval;
    }

    /** Adds a document; returns the sealed batch when this one filled it. */
    Optional<Batch> add(LogDocument doc) {
        if (docs.isEmpty()) {
            firstAdded = clock.instant();
        }
        docs.add(doc);
        bytes += doc.sizeInBulk();
        return docs.size() >= maxDocs || bytes >= maxBytes ? Optional.of(seal()) : Optional.empty();
    }

    /** Seals the batch if its oldest document has waited long enough. */
    Optional<Batch> sealIfDue() {
        return !docs.isEmpty() && !clock.instant().isBefore(firstAdded.plus(flushInterval))
                ? Optional.of(seal()) : Optional.empty();
    }

    Optional<Batch> sealNow() {
        return docs.isEmpty() ? Optional.empty() : Optional.of(seal());
    }

    int size() {
        return docs.size();
    }

    private Batch seal() {
        Map<TopicPartition, Long> next = new LinkedHashMap<>();
        for (LogDocument d : docs) {
            next.merge(new TopicPartition(d.record().topic(), d.record().partition()), d.record().offset() + 1, Math::max);
        }
        List<OffsetLedger.Segment> segments = new ArrayList<>();
        next.forEach((p, offset) -> segments.add(ledger.track(p, offset)));
        Batch batch = new Batch(docs, segments);
        docs = new ArrayList<>();
        bytes = 0;
        return batch;
    }
}
