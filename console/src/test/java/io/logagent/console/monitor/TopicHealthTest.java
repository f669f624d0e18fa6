package io.logagent.console.monitor;

import io.logagent.console.monitor.PipelineService.Freshness;
import io.logagent.console.monitor.PipelineService.Partition;
import io.logagent.console.monitor.PipelineService.Topic;
import io.logagent.console.monitor.TopicHealth.Level;
import io.logagent.console.monitor.TopicHealth.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TopicHealthTest {

    private final TopicHealth health = new TopicHealth(Duration.ofMinutes(5), Duration.ofHours(1));
    private final Instant now = Instant.parse("2026-11-30T12:00:00Z");

    private static Topic topic(String name, long lines) {
        return new Topic(name, List.of(new Partition(0, lines, null, null)), lines);
    }

    private Freshness fresh(String topic, long ageSeconds) {
        return new Freshness(topic, now.minusSeconds(ageSeconds), ageSeconds, false);
    }

    @Test
    void unknownConsumersAreNeverReportedAsNotConsumed() {
        List<Status> s = health.verdicts(Map.of("t", List.of("host 1.2.3.4")), Optional.of(List.of(topic("t", 5))),
                Optional.empty(), List.of(), List.of(fresh("t", 10)));
        assertThat(s).singleElement().satisfies(v -> {
            assertThat(v.level()).isEqualTo(Level.OK);
            assertThat(v.consumedBy()).isNull();
        });
    }

    @Test
    void aNamedTopicNotYetWrittenIsFineAndOneWrittenButUnconsumedIsAnError() {
        List<Status> s = health.verdicts(Map.of("later", List.of("group web"), "lost", List.of("host h")),
                Optional.of(List.of(topic("lost", 3))), Optional.of(Map.of()), List.of(), List.of());
        assertThat(s).extracting(Status::topic, Status::level)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("later", Level.OK),
                        org.assertj.core.groups.Tuple.tuple("lost", Level.ERROR));
        assertThat(s.get(1).problems()).singleElement().asString().contains("not consumed");
    }

    @Test
    void stalenessIsAmberThenRedAndTopicsOnlyIndexedOrCommittedStayVisible() {
        List<Status> s = health.verdicts(Map.of(), Optional.of(List.of(topic("gone", 9), topic("other_app", 4))),
                Optional.of(Map.of("gone", List.of("logagent-transfer"))), List.of("gone"),
                List.of(fresh("warm", 301), fresh("cold", 3601)));
        assertThat(s).extracting(Status::topic).containsExactly("cold", "gone", "warm"); // other_app is not ours
        assertThat(s.get(0).level()).isEqualTo(Level.ERROR);
        assertThat(s.get(0).problems()).singleElement().asString().contains("stale", "1 h");
        assertThat(s.get(1).level()).isEqualTo(Level.WARN);
        assertThat(s.get(1).problems()).singleElement().asString().contains("none indexed");
        assertThat(s.get(2).level()).isEqualTo(Level.WARN);
        assertThat(s.get(2).problems()).singleElement().asString().contains("5 min");
    }
}
