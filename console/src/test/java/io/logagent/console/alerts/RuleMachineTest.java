package io.logagent.console.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logagent.console.alerts.AlertState.Event;
import io.logagent.console.alerts.AlertState.Status;
import io.logagent.core.alert.AlertRule;
import io.logagent.core.alert.AlertRuleCodec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RuleMachineTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private static AlertRule rule(String json) throws Exception {
        return new AlertRuleCodec(new ObjectMapper()).parse("r", json);
    }

    @Test
    void firesOncePerTransitionRemindsEveryRepeatAndResolves() throws Exception {
        AlertRule r = rule("{\"kind\":\"query\",\"query\":\"x\",\"window\":\"5m\",\"threshold\":10,\"repeat\":\"1m\","
                + "\"notify\":[{\"webhook\":\"http://h/\"}]}");
        RuleMachine.Step s = RuleMachine.step(r, AlertState.INITIAL, Measurement.of(10, ""), T0);
        assertThat(s.state().state()).isEqualTo(Status.OK);
        assertThat(s.events()).isEmpty();
        s = RuleMachine.step(r, s.state(), Measurement.of(11, ""), T0.plusSeconds(10));
        assertThat(s.state().state()).isEqualTo(Status.FIRING);
        assertThat(s.events()).containsExactly(Event.FIRING);
        assertThat(s.state().outbox()).hasSize(1);
        s = RuleMachine.step(r, s.state(), Measurement.of(12, ""), T0.plusSeconds(40));
        assertThat(s.events()).isEmpty();
        s = RuleMachine.step(r, s.state(), Measurement.of(12, ""), T0.plusSeconds(70));
        assertThat(s.events()).containsExactly(Event.REMINDER);
        s = RuleMachine.step(r, s.state(), Measurement.of(3, ""), T0.plusSeconds(80));
        assertThat(s.state().state()).isEqualTo(Status.OK);
        assertThat(s.events()).containsExactly(Event.RESOLVED);
        assertThat(s.state().outbox()).extracting(AlertState.Outgoing::event)
                .containsExactly(Event.FIRING, Event.REMINDER, Event.RESOLVED);
    }

    @Test
    void holdsForTheForDurationBeforeFiring() throws Exception {
        AlertRule r = rule("{\"kind\":\"agent_offline\",\"for\":\"30s\"}");
        RuleMachine.Step s = RuleMachine.step(r, AlertState.INITIAL, Measurement.of(1, ""), T0);
        assertThat(s.state().state()).isEqualTo(Status.PENDING);
        s = RuleMachine.step(r, s.state(), Measurement.of(1, ""), T0.plusSeconds(29));
        assertThat(s.state().state()).isEqualTo(Status.PENDING);
        assertThat(s.state().since()).isEqualTo(T0);
        s = RuleMachine.step(r, s.state(), Measurement.of(1, ""), T0.plusSeconds(30));
        assertThat(s.events()).containsExactly(Event.FIRING);
        // no notify targets: the event is recorded, nothing is queued
        assertThat(s.state().outbox()).isEmpty();
        RuleMachine.Step back = RuleMachine.step(r, RuleMachine.step(r, AlertState.INITIAL, Measurement.of(1, ""), T0)
                .state(), Measurement.of(0, ""), T0.plusSeconds(5));
        assertThat(back.state().state()).isEqualTo(Status.OK);
        assertThat(back.events()).isEmpty();
    }

    @Test
    void aFailedMeasurementKeepsTheStateAndSaysWhy() throws Exception {
        AlertRule r = rule("{\"kind\":\"entry_error\"}");
        RuleMachine.Step firing = RuleMachine.step(r, AlertState.INITIAL, Measurement.of(2, ""), T0);
        RuleMachine.Step failed = RuleMachine.step(r, firing.state(), Measurement.failed("etcd down"), T0.plusSeconds(5));
        assertThat(failed.state().state()).isEqualTo(Status.FIRING);
        assertThat(failed.state().error()).isEqualTo("etcd down");
        assertThat(failed.events()).isEmpty();
    }

    @Test
    void mutedRulesRecordButQueueNothing() throws Exception {
        AlertRule r = rule("{\"kind\":\"entry_error\",\"mute_until\":\"2026-12-02T11:00:00Z\","
                + "\"notify\":[{\"email\":\"ops@example.com\"}]}");
        RuleMachine.Step s = RuleMachine.step(r, AlertState.INITIAL, Measurement.of(1, ""), T0);
        assertThat(s.muted()).isTrue();
        assertThat(s.events()).containsExactly(Event.FIRING);
        assertThat(s.state().outbox()).isEmpty();
    }

    @Test
    void theOutboxIsBoundedAndSaysWhatItDropped() throws Exception {
        AlertRule r = rule("{\"kind\":\"entry_error\",\"repeat\":\"1s\",\"notify\":[{\"webhook\":\"http://h/\"}]}");
        AlertState state = AlertState.INITIAL;
        for (int i = 0; i < RuleMachine.MAX_OUTBOX + 5; i++) {
            state = RuleMachine.step(r, state, Measurement.of(1, ""), T0.plus(Duration.ofSeconds(i))).state();
        }
        assertThat(state.outbox()).hasSize(RuleMachine.MAX_OUTBOX);
        assertThat(state.deliveryError()).startsWith("dropped undelivered");
    }

    @Test
    void backoffDoublesUpToFiveMinutes() {
        assertThat(Deliveries.backoff(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(Deliveries.backoff(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(Deliveries.backoff(30)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void theLinkOpensTheMatchingSearch() throws Exception {
        AlertRule r = rule("{\"kind\":\"query\",\"query\":\"level:ERROR AND topic:web\",\"window\":\"5m\",\"threshold\":1}");
        assertThat(Deliveries.link(r, T0, "http://c:8080")).isEqualTo("http://c:8080/#search?q=level%3AERROR%20AND%20"
                + "topic%3Aweb&from=2026-12-02T09%3A55%3A00Z&to=2026-12-02T10%3A00%3A00Z");
    }
}
