package io.logagent.cli;

import io.logagent.core.time.Deadline;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceRunnerTest {

    /** A component that never finishes stopping: every wait runs to its timeout. */
    private static final class Stuck implements Lifecycle {
        final String name;
        final List<String> stops;
        final List<Duration> waits;
        final List<Deadline> deadlines = new CopyOnWriteArrayList<>();

        Stuck(String name, List<String> stops, List<Duration> waits) {
            this.name = name;
            this.stops = stops;
            this.waits = waits;
        }

        @Override
        public void start() {
        }

        @Override
        public void stop(Deadline deadline) {
            stops.add(name);
            deadlines.add(deadline);
        }

        @Override
        public boolean awaitStop(Duration timeout) throws InterruptedException {
            waits.add(timeout);
            Thread.sleep(timeout.toMillis());
            return false;
        }
    }

    @Test
    void componentsThatDoNotStopShareOneBudgetAndAreAllToldToStopLastFirst() throws Exception {
        Duration budget = Duration.ofMillis(400);
        List<String> stops = new CopyOnWriteArrayList<>();
        List<Duration> waits = new CopyOnWriteArrayList<>();
        ServiceRunner runner = new ServiceRunner(budget, Clock.systemUTC());
        List<Stuck> components = new java.util.ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            components.add(new Stuck(name, stops, waits));
            runner.start(name, components.getLast());
        }

        long start = System.nanoTime();
        runner.stopAll();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(stops).containsExactly("c", "b", "a");
        assertThat(waits.stream().reduce(Duration.ZERO, Duration::plus)).as("waits add up to the budget, not 3x it")
                .isLessThan(budget.plusMillis(20));
        assertThat(took).as("three stuck components, one budget").isLessThan(budget.plusMillis(300));
        assertThat(components.stream().map(c -> c.deadlines.getFirst().at()).distinct().toList())
                .as("every component's own steps are handed the one deadline").hasSize(1);
    }
}
