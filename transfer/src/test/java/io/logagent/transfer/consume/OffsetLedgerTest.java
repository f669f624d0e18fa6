package io.logagent.transfer.consume;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OffsetLedgerTest {

    private final TopicPartition p0 = new TopicPartition("t", 0);
    private final TopicPartition p1 = new TopicPartition("t", 1);
    private final OffsetLedger ledger = new OffsetLedger();

    @Test
    void laterBatchFinishingFirstDoesNotCommitPastAnEarlierOne() {
        OffsetLedger.Segment first = ledger.track(p0, 100);
        OffsetLedger.Segment second = ledger.track(p0, 200);
        ledger.complete(List.of(second));
        assertThat(ledger.takeChanged()).isEmpty();
        assertThat(ledger.hasPending(List.of(p0))).isTrue();
        ledger.complete(List.of(first));
        assertThat(ledger.takeChanged()).isEqualTo(Map.of(p0, new OffsetAndMetadata(200)));
        assertThat(ledger.hasPending(List.of(p0))).isFalse();
        assertThat(ledger.takeChanged()).isEmpty();
        assertThat(ledger.all()).isEqualTo(Map.of(p0, new OffsetAndMetadata(200)));
    }

    @Test
    void partitionsAdvanceIndependently() {
        OffsetLedger.Segment a = ledger.track(p0, 10);
        OffsetLedger.Segment b = ledger.track(p1, 20);
        ledger.complete(List.of(b));
        assertThat(ledger.takeChanged()).isEqualTo(Map.of(p1, new OffsetAndMetadata(20)));
        assertThat(ledger.hasPending(List.of(p0))).isTrue();
        assertThat(ledger.hasPending(List.of(p1))).isFalse();
        assertThat(a.done).isFalse();
    }

    @Test
    void forgottenPartitionCommitsNothingWhenItsOldBatchFinishes() {
        OffsetLedger.Segment old = ledger.track(p0, 10);
        ledger.forget(List.of(p0));
        OffsetLedger.Segment fresh = ledger.track(p0, 30);
        ledger.complete(List.of(old));
        assertThat(ledger.takeChanged()).isEmpty();
        ledger.complete(List.of(fresh));
        assertThat(ledger.takeChanged()).isEqualTo(Map.of(p0, new OffsetAndMetadata(30)));
    }
}
