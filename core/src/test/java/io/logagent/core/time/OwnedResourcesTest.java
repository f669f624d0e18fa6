package io.logagent.core.time;

import io.logagent.core.problem.SteppedClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OwnedResourcesTest {

    @Test
    void closesLastMadeFirstEachWithWhatIsLeftOfOneDeadlineAndGoesOnAfterAFailure() {
        SteppedClock clock = new SteppedClock();
        OwnedResources owned = new OwnedResources();
        List<String> closed = new ArrayList<>();
        List<Duration> given = new ArrayList<>();
        owned.add("http client", "h", (r, d) -> {
            given.add(d.remaining());
            closed.add(r);
        });
        owned.add("producer", "p", (r, d) -> {
            given.add(d.remaining());
            clock.advance(Duration.ofSeconds(7)); // a slow flush
            closed.add(r);
        });
        owned.add("follower", "f", (r, d) -> {
            given.add(d.remaining());
            clock.advance(Duration.ofSeconds(2));
            throw new IllegalStateException("broken");
        });

        List<String> order = owned.closeAll(Deadline.after(Duration.ofSeconds(10), clock));

        assertThat(order).containsExactly("follower", "producer", "http client");
        assertThat(closed).as("the failing close does not keep the others open").containsExactly("p", "h");
        assertThat(given).as("each gets what the ones before left, never a budget of its own")
                .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(8), Duration.ofSeconds(1));
        assertThat(owned.closeAll(Deadline.after(Duration.ofSeconds(10), clock))).as("each closed once").isEmpty();
    }
}
