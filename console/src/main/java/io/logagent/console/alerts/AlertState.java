package io.logagent.console.alerts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;

/**
 * What the evaluator knows of one rule, kept in etcd ({@code alert-state/<name>}) so that a console taking over the
 * evaluation continues where the previous one stopped: a firing rule stays firing (no second "firing"), a pending
 * hold keeps its start, and notifications not yet delivered ({@link #outbox}) are sent by the new evaluator.
 *
 * @param since          when {@link #state} began (for PENDING: when the condition started to hold)
 * @param lastNotified   when the last firing message or reminder was queued, for the next reminder
 * @param error          why the last evaluation measured nothing (the state is then left as it was)
 * @param deliveryError  the last notification that failed, with target and reason, until one succeeds
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertState(Status state, Instant since, Instant lastEvaluation, Double lastValue, String error,
                         Instant lastTransition, Instant lastNotified, List<Outgoing> outbox, String deliveryError,
                         Instant deliveryErrorAt) {

    /** OK → PENDING (condition holds, not yet for {@code for}) → FIRING → OK again ("resolved"). */
    public enum Status { OK, PENDING, FIRING }

    /** The events a notification can tell. */
    public enum Event { FIRING, REMINDER, RESOLVED }

    /**
     * A notification not yet delivered to every target: {@code targets} are the indices into the rule's notify list
     * still to reach.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Outgoing(String id, Event event, double value, Instant at, List<Integer> targets, int attempts,
                           Instant nextAttempt, String lastError) {
        public Outgoing {
            targets = List.copyOf(targets);
        }
    }

    public static final AlertState INITIAL = new AlertState(Status.OK, null, null, null, null, null, null, List.of(),
            null, null);

    public AlertState {
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
        state = state == null ? Status.OK : state;
    }

    AlertState withOutbox(List<Outgoing> newOutbox) {
        return new AlertState(state, since, lastEvaluation, lastValue, error, lastTransition, lastNotified, newOutbox,
                deliveryError, deliveryErrorAt);
    }

    AlertState withDeliveryError(String message, Instant at) {
        return new AlertState(state, since, lastEvaluation, lastValue, error, lastTransition, lastNotified, outbox,
                message, at);
    }
}
