package io.logagent.agent.reload;

import io.logagent.agent.tail.Collector;
import io.logagent.agent.tail.CollectorFactory;
import io.logagent.core.status.CollectorStatus;
import io.logagent.core.collect.CollectEntry;
import io.logagent.core.time.Deadline;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReconcilerTest {
    private final FakeFactory factory = new FakeFactory();
    private final Reconciler reconciler = new Reconciler(factory, Duration.ofSeconds(1), java.time.Clock.systemUTC());

    private static final CollectEntry A = CollectEntry.of("/var/log/a.log", "a");
    private static final CollectEntry B = CollectEntry.of("/var/log/b.log", "b");
    private static final CollectEntry C = CollectEntry.of("/var/log/c.log", "c");
    private static final CollectEntry B_WITH_FIELDS = new CollectEntry("/var/log/b.log", "b", null, null, null,
            Map.of("env", "prod"), null, null, null, 0, null);

    @Test
    void startUpIsAReconcileFromNothing() throws Exception {
        Reconciler.Changes changes = reconciler.apply(List.of(A, B));

        assertThat(changes.started()).containsExactly(A.id(), B.id());
        assertThat(factory.created).extracting(f -> f.entry).containsExactly(A, B);
        assertThat(factory.created).allMatch(f -> f.started && !f.stopped);
    }

    @Test
    void touchesOnlyWhatChanged() throws Exception {
        reconciler.apply(List.of(A, B));
        FakeCollector a = factory.created.get(0);
        FakeCollector b = factory.created.get(1);

        Reconciler.Changes changes = reconciler.apply(List.of(A, B_WITH_FIELDS, C));

        assertThat(changes.unchanged()).containsExactly(A.id());
        assertThat(changes.restarted()).containsExactly(B.id());
        assertThat(changes.started()).containsExactly(C.id());
        assertThat(a.stopped).as("unchanged entry keeps its collector").isFalse();
        assertThat(b.stopped && b.awaited).as("changed entry's old collector stopped and awaited").isTrue();
        assertThat(factory.created).hasSize(4);
        assertThat(factory.created.get(2).entry).isEqualTo(B_WITH_FIELDS);
        assertThat(b.awaitedBeforeNextCreate).as("old collector ended before its successor started").isTrue();
    }

    @Test
    void removesAndStopsAll() throws Exception {
        reconciler.apply(List.of(A, B));
        Reconciler.Changes changes = reconciler.apply(List.of(B));
        assertThat(changes.stopped()).containsExactly(A.id());
        assertThat(factory.created.get(0).stopped).isTrue();
        assertThat(factory.created.get(1).stopped).isFalse();

        reconciler.apply(List.of());
        assertThat(factory.created).allMatch(f -> f.stopped);
        assertThat(reconciler.statuses()).isEmpty();
    }

    @Test
    void anEqualConfigChangesNothing() throws Exception {
        reconciler.apply(List.of(A, B));
        Reconciler.Changes changes = reconciler.apply(List.of(CollectEntry.of("/var/log/a.log", "a"), B));
        assertThat(changes.none()).isTrue();
        assertThat(factory.created).hasSize(2);
    }

    @Test
    void aCollectorThatCannotStartIsReportedAndRetriedOnTheNextReload() throws Exception {
        factory.failFor = B.id();
        reconciler.apply(List.of(A, B));
        assertThat(reconciler.statuses()).extracting(CollectorStatus::state)
                .containsExactly(CollectorStatus.State.RUNNING, CollectorStatus.State.ERROR);
        assertThat(reconciler.statuses().get(1).lastError()).contains("boom");

        factory.failFor = null;
        reconciler.apply(List.of(A, B));
        assertThat(reconciler.statuses()).extracting(CollectorStatus::state)
                .containsOnly(CollectorStatus.State.RUNNING);
        assertThat(factory.created.get(0).stopped).isFalse();
    }

    @Test
    void atShutdownTheCollectorsShareWhatIsLeftOfTheAgentsDeadlineNotTheirOwnStopTimeout() throws Exception {
        Reconciler withLongTimeout = new Reconciler(factory, Duration.ofSeconds(10), java.time.Clock.systemUTC());
        withLongTimeout.apply(List.of(A, B));
        FakeCollector a = factory.created.get(0);
        FakeCollector b = factory.created.get(1);
        a.slowStop = Duration.ofMillis(300);  // a harvester still waiting for its last acknowledgements

        long start = System.nanoTime();
        withLongTimeout.stopAll(Deadline.after(Duration.ofMillis(400), java.time.Clock.systemUTC()));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(a.given).isLessThanOrEqualTo(Duration.ofMillis(400));
        assertThat(b.given).as("the second waits only for what the slow first one left")
                .isLessThanOrEqualTo(Duration.ofMillis(120));
        assertThat(took).isLessThan(Duration.ofMillis(1_000));
        assertThat(withLongTimeout.statuses()).isEmpty();

        Reconciler again = new Reconciler(factory, Duration.ofMillis(50), java.time.Clock.systemUTC());
        again.apply(List.of(C));
        again.stopAll(Deadline.after(Duration.ofSeconds(30), java.time.Clock.systemUTC()));
        assertThat(factory.created.getLast().given).as("stop_timeout_ms still caps the collectors")
                .isLessThanOrEqualTo(Duration.ofMillis(50));
    }

    static final class FakeFactory implements CollectorFactory {
        final List<FakeCollector> created = new ArrayList<>();
        String failFor;

        @Override
        public Collector create(CollectEntry entry) {
            if (entry.id().equals(failFor)) {
                throw new IllegalArgumentException("boom");
            }
            created.forEach(c -> c.awaitedBeforeNextCreate = c.awaitedBeforeNextCreate || c.awaited);
            FakeCollector c = new FakeCollector(entry);
            created.add(c);
            return c;
        }
    }

    static final class FakeCollector implements Collector {
        final CollectEntry entry;
        volatile boolean started;
        volatile boolean stopped;
        volatile boolean awaited;
        volatile boolean awaitedBeforeNextCreate;
        /** How long stopping takes (within the wait it is given); the wait given is kept in {@link #given}. */
        volatile Duration slowStop = Duration.ZERO;
        volatile Duration given;

        FakeCollector(CollectEntry entry) {
            this.entry = entry;
        }

        @Override
        public void start() {
            started = true;
        }

        @Override
        public void stop() {
            stopped = true;
        }

        @Override
        public boolean awaitStop(Duration timeout) throws InterruptedException {
            awaited = stopped;
            given = timeout;
            Thread.sleep(Math.min(timeout.toMillis(), slowStop.toMillis()));
            return slowStop.compareTo(timeout) <= 0;
        }

        @Override
        public CollectorStatus status() {
            return new CollectorStatus(entry.path(), entry.topic(),
                    stopped ? CollectorStatus.State.STOPPED : CollectorStatus.State.RUNNING, null, List.of());
        }
    }
}
