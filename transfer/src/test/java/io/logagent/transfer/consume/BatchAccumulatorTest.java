package io.logagent.transfer.consume;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logagent.transfer.document.DocumentBuilder;
import io.logagent.transfer.document.LevelExtractor;
import io.logagent.transfer.document.LogDocument;
import io.logagent.transfer.document.TimestampExtractor;
import io.logagent.transfer.index.IndexNaming;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class BatchAccumulatorTest {

    private final Clock clock = Clock.systemUTC();
    private final DocumentBuilder builder = new DocumentBuilder(new ObjectMapper(), clock,
            new TimestampExtractor(clock, ZoneOffset.UTC), new LevelExtractor(), new IndexNaming("logagent"), "json");
    private final OffsetLedger ledger = new OffsetLedger();
    private final TopicPartition p0 = new TopicPartition("t", 0);
    private final TopicPartition p1 = new TopicPartition("t", 1);

    private LogDocument doc(int partition, long offset) {
        byte[] value = ("line " + offset).getBytes(StandardCharsets.UTF_8);
        return builder.build(new ConsumerRecord<>("t", partition, offset, new byte[0], value));
    }

    @Test
    void sealsAtMaxDocsWithOneSegmentPerPartitionEndingAfterItsLastRecord() {
        BatchAccumulator acc = new BatchAccumulator(ledger, clock, 3, Long.MAX_VALUE, Duration.ofHours(1));
        assertThat(acc.add(doc(0, 3))).isEmpty();
        assertThat(acc.add(doc(1, 7))).isEmpty();
        Batch batch = acc.add(doc(0, 4)).orElseThrow();
        assertThat(batch.documents()).hasSize(3);
        assertThat(acc.size()).isZero();
        assertThat(batch.segments()).extracting(s -> s.partition, s -> s.nextOffset)
                .containsExactly(tuple(p0, 5L), tuple(p1, 8L));
        assertThat(ledger.hasPending(List.of(p0, p1))).isTrue();
        ledger.complete(batch.segments());
        assertThat(ledger.takeChanged()).isEqualTo(Map.of(p0, new OffsetAndMetadata(5), p1, new OffsetAndMetadata(8)));
    }

    @Test
    void sealsWhenTheBytesReachTheLimit() {
        LogDocument first = doc(0, 0);
        BatchAccumulator acc = new BatchAccumulator(ledger, clock, 1_000, 2L * first.sizeInBulk() - 1,
                Duration.ofHours(1));
        assertThat(acc.add(first)).isEmpty();
        assertThat(acc.add(doc(0, 1)).orElseThrow().documents()).hasSize(2);
    }

    @Test
    void sealsByTimeOnlyOnceTheOldestDocumentWaitedTheFlushInterval() {
        BatchAccumulator waiting = new BatchAccumulator(ledger, clock, 1_000, Long.MAX_VALUE, Duration.ofHours(1));
        assertThat(waiting.sealIfDue()).isEmpty();
        waiting.add(doc(0, 0));
        assertThat(waiting.sealIfDue()).isEmpty();
        assertThat(waiting.sealNow().orElseThrow().documents()).hasSize(1);
        assertThat(waiting.sealNow()).isEmpty();

        BatchAccumulator due = new BatchAccumulator(ledger, clock, 1_000, Long.MAX_VALUE, Duration.ZERO);
        due.add(doc(0, 1));
        assertThat(due.sealIfDue()).map(b -> b.documents().size()).isEqualTo(Optional.of(1));
    }

    @Test
    void batchesAreTrackedInSealingOrderSoALaterOneCannotCommitFirst() {
        BatchAccumulator acc = new BatchAccumulator(ledger, clock, 1, Long.MAX_VALUE, Duration.ofHours(1));
        Batch first = acc.add(doc(0, 0)).orElseThrow();
        Batch second = acc.add(doc(0, 1)).orElseThrow();
        ledger.complete(second.segments());
        assertThat(ledger.takeChanged()).isEmpty();
        ledger.complete(first.segments());
        assertThat(ledger.takeChanged()).isEqualTo(Map.of(p0, new OffsetAndMetadata(2)));
    }
}
