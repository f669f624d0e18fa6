package io.logagent.console.alerts;

import io.logagent.console.alerts.AlertState.Event;
import io.logagent.console.alerts.AlertState.Outgoing;
import io.logagent.console.alerts.AlertState.Status;
import io.logagent.core.alert.AlertRule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One evaluation of one rule, as a pure function of the rule, its previous state, what was measured and the time:
 * the new state and the events to record. A firing message once per transition, a reminder every {@code repeat}
 * while firing, a resolved message when the condition stops holding; muted rules record their events but queue
 * no notification.
 */
final class RuleMachine {

    /** Undelivered notifications kept per rule; beyond it the oldest is dropped and shown as a delivery error. */
    static final int MAX_OUTBOX = 20;

    record Step(AlertState state, List<Event> events, boolean muted) { }

    private RuleMachine() {
    }

    /** Nothing measured (or the rule cannot be read): the state stays, with why. */
    static AlertState failed(AlertState prev, String error, Instant now) {
        return new AlertState(prev.state(), prev.since(), now, prev.lastValue(), error, prev.lastTransition(),
                prev.lastNotified(), prev.outbox(), prev.deliveryError(), prev.deliveryErrorAt());
    }

    static Step step(AlertRule rule, AlertState prev, Measurement m, Instant now) {
        if (m.error() != null) {
            return new Step(failed(prev, m.error(), now), List.of(), false);
        }
        double value = m.value();
        boolean holds = rule.op().test(value, rule.threshold());
        Status status = prev.state();
        Instant since = prev.since();
        Instant lastTransition = prev.lastTransition();
        Instant lastNotified = prev.lastNotified();
        List<Event> events = new ArrayList<>();
        switch (status) {
            case OK, PENDING -> {
                if (!holds) {
                    status = Status.OK;
                    since = prev.state() == Status.OK && since != null ? since : now;
                } else {
                    Instant start = prev.state() == Status.PENDING && since != null ? since : now;
                    if (!Duration.between(start, now).minus(rule.holdFor()).isNegative()) {
                        status = Status.FIRING;
                        since = now;
                        lastTransition = now;
                        lastNotified = now;
                        events.add(Event.FIRING);
                    } else {
                        status = Status.PENDING;
                        since = start;
                    }
                }
            }
            case FIRING -> {
                if (!holds) {
                    status = Status.OK;
                    since = now;
                    lastTransition = now;
                    events.add(Event.RESOLVED);
                } else if (!rule.repeat().isZero() && lastNotified != null
                        && !Duration.between(lastNotified, now).minus(rule.repeat()).isNegative()) {
                    lastNotified = now;
                    events.add(Event.REMINDER);
                }
            }
        }
        boolean muted = rule.mutedAt(now);
        List<Outgoing> outbox = new ArrayList<>(prev.outbox());
        String deliveryError = prev.deliveryError();
        Instant deliveryErrorAt = prev.deliveryErrorAt();
        if (!muted && !rule.targets().isEmpty()) {
            for (Event e : events) {
                outbox.add(new Outgoing(rule.name() + "@" + now.toEpochMilli() + "-" + e.name().toLowerCase(), e, value,
                        now, IntStream.range(0, rule.targets().size()).boxed().toList(), 0, now, null));
            }
        }
        while (outbox.size() > MAX_OUTBOX) {
            Outgoing dropped = outbox.removeFirst();
            deliveryError = "dropped undelivered " + dropped.event().name().toLowerCase() + " of " + dropped.at()
                    + ": more than " + MAX_OUTBOX + " notifications waiting";
            deliveryErrorAt = now;
        }
        return new Step(new AlertState(status, since, now, value, null, lastTransition, lastNotified, outbox,
                deliveryError, deliveryErrorAt), List.copyOf(events), muted);
    }
}
