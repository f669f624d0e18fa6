package io.logagent.core.time;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A close that never ends must not take its owner past the deadline; the closes after it still run. */
class BoundedCloseTest {

    private static final Duration BUDGET = Duration.ofMillis(300);
    /** Scheduling slack on a loaded 2-core machine; far below the blocked close's "forever". */
    private static final Duration SLACK = Duration.ofSeconds(2);
    /** How long the stuck closes block (unless released): a close waited for fails the test rather than hang it. */
    private static final Duration STUCK = Duration.ofSeconds(6);

    @Test
    void aCloseThatBlocksIsAbandonedAtTheDeadlineOnItsNamedDaemonThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> closers = new CopyOnWriteArrayList<>();
        AutoCloseable stuck = () -> {
            closers.add(Thread.currentThread());
            release.await(STUCK.toMillis(), TimeUnit.MILLISECONDS); // an etcd channel waiting for a dead server
        };
        try {
            long start = System.nanoTime();
            boolean closed = BoundedClose.close("etcd client", stuck, Deadline.after(BUDGET, Clock.systemUTC()));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(closed).as("reported as abandoned").isFalse();
            assertThat(took).isGreaterThanOrEqualTo(BUDGET.minusMillis(50)).isLessThan(BUDGET.plus(SLACK));
            assertThat(closers).singleElement().satisfies(t -> {
                assertThat(t.getName()).isEqualTo("close-etcd client");
                assertThat(t.isDaemon()).as("an abandoned close does not keep the JVM alive").isTrue();
                assertThat(t.isAlive()).isTrue();
            });
        } finally {
            release.countDown();
        }
        closers.getFirst().join(SLACK);
        assertThat(closers.getFirst().isAlive()).as("it ends on its own once its close returns").isFalse();
    }

    @Test
    void aCloseThatEndsInTimeOrFailsIsReportedDone() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(10), Clock.systemUTC());
        CountDownLatch ran = new CountDownLatch(1);
        assertThat(BoundedClose.close("quick", ran::countDown, deadline)).isTrue();
        assertThat(ran.getCount()).isZero();
        assertThat(BoundedClose.close("broken", () -> {
            throw new IllegalStateException("broken");
        }, deadline)).as("an error is logged; the close is over").isTrue();
    }

    @Test
    void ownedResourcesHoldTheirDeadlineWhenOneCloseBlocksAndStillCloseTheRest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch clientClosed = new CountDownLatch(1);
        OwnedResources owned = new OwnedResources();
        owned.add("search client", (AutoCloseable) clientClosed::countDown);
        owned.add("kafka admin", (AutoCloseable) () -> release.await(STUCK.toMillis(), TimeUnit.MILLISECONDS));
        try {
            long start = System.nanoTime();
            List<String> order = owned.closeAll(Deadline.after(BUDGET, Clock.systemUTC()));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(order).containsExactly("kafka admin", "search client");
            assertThat(took).as("the blocked close costs no more than the budget").isLessThan(BUDGET.plus(SLACK));
            assertThat(clientClosed.await(SLACK.toMillis(), TimeUnit.MILLISECONDS))
                    .as("the close after the abandoned one is still started").isTrue();
        } finally {
            release.countDown();
        }
    }
}
