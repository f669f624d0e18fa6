package io.logagent.agent.tail;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AckTrackerTest {

    private final List<Long> committed = new ArrayList<>();
    private final AckTracker tracker = new AckTracker(0, committed::add);

    @Test
    void outOfOrderAcksCommitOnlyTheContiguousPrefix() {
        var a = tracker.track(10);
        var b = tracker.track(20);
        var c = tracker.track(30);
        c.acknowledged(null);
        assertThat(tracker.ackedOffset()).isZero();
        assertThat(committed).isEmpty();
        a.acknowledged(null);
        assertThat(tracker.ackedOffset()).isEqualTo(10);
        b.acknowledged(null);
        assertThat(tracker.ackedOffset()).isEqualTo(30);
        assertThat(committed).containsExactly(10L, 30L);
        assertThat(tracker.inFlight()).isZero();
    }

    @Test
    void failureStopsTheOffsetAndRewindIgnoresLateCallbacks() {
        var a = tracker.track(10);
        var b = tracker.track(20);
        var c = tracker.track(30);
        b.failed(null, new IllegalStateException("denied"));
        c.acknowledged(null);
        a.acknowledged(null);
        assertThat(tracker.ackedOffset()).isEqualTo(10);
        assertThat(tracker.failure()).hasMessage("denied");

        tracker.rewind(tracker.ackedOffset());
        assertThat(tracker.failure()).isNull();
        var again = tracker.track(20);
        b.acknowledged(null); // a late callback of the old attempt
        assertThat(tracker.ackedOffset()).isEqualTo(10);
        again.acknowledged(null);
        assertThat(tracker.ackedOffset()).isEqualTo(20);
    }

    @Test
    void closedTrackerNoLongerCommits() {
        var a = tracker.track(10);
        tracker.close();
        a.acknowledged(null);
        assertThat(committed).isEmpty();
    }

    @Test
    void aRetiredTrackerStillCommitsWhatWasInFlightThenReportsDrainedOnce() {
        List<String> drained = new ArrayList<>();
        var a = tracker.track(10);
        var b = tracker.track(20);
        tracker.retire(() -> drained.add("drained"));
        assertThat(drained).isEmpty();
        b.acknowledged(null);
        a.acknowledged(null);
        assertThat(committed).containsExactly(20L); // the generation's offset still moves: a crash now re-reads less
        assertThat(drained).containsExactly("drained");
        b.acknowledged(null); // a late duplicate callback
        assertThat(drained).hasSize(1);
    }

    @Test
    void aRetiredTrackerWithNothingInFlightIsDrainedAtOnce() {
        List<String> drained = new ArrayList<>();
        tracker.retire(() -> drained.add("drained"));
        assertThat(drained).containsExactly("drained");
    }
}
