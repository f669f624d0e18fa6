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
}
