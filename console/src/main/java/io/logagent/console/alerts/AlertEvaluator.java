package io.logagent.console.alerts;

import io.logagent.console.alerts.AlertState.Event;
import io.logagent.core.alert.AlertRule;
import io.logagent.core.problem.OncePerInterval;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Evaluates every rule each {@code interval} on its own thread ({@code alerts-evaluator}), in the one console that
 * holds the {@link EvaluatorLease}; the other consoles only try to take the lease each round.
 *
 * <p>Per rule and round: measure, step the state machine, write the new state and its history under the lease,
 * and only then deliver what the state's outbox owes, writing the outcome again. A console that dies after the
 * first write leaves the outbox to the next evaluator (no notification lost); one that dies between a delivery and
 * the second write makes the next evaluator send that one again, the only duplicate possible (at-least-once).
 *
 * <p>Lifecycle: {@link #start} once; {@link #stop} signals (the lease is given up after the round running now);
 * {@link #awaitStop} waits for the thread to end.
 */
public final class AlertEvaluator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);

    /** What this console's evaluator did last, for the API. */
    public record Status(boolean evaluating, Instant lastRound, String lastError) { }

    private final AlertRules rules;
    private final AlertStore store;
    private final EvaluatorLease lease;
    private final Measurements measurements;
    private final Deliveries deliveries;
    private final Clock clock;
    private final Duration interval;
    private final OncePerInterval problems;
    private final MeterRegistry metrics;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "alerts-evaluator");
        t.setDaemon(true);
        return t;
    });
    private volatile String consoleUrl = "";
    private volatile Status status = new Status(false, null, null);

    AlertEvaluator(AlertRules rules, AlertStore store, EvaluatorLease lease, Measurements measurements,
                   Deliveries deliveries, Clock clock, Duration interval, MeterRegistry metrics) {
        this.metrics = metrics;
        this.rules = rules;
        this.store = store;
        this.lease = lease;
        this.measurements = measurements;
        this.deliveries = deliveries;
        this.clock = clock;
        this.interval = interval;
        this.problems = OncePerInterval.perMinute(clock);
    }

    /** @param consoleUrl the start of the links in notifications, e.g. {@code http://127.0.0.1:8080} */
    public void start(String consoleUrl) {
        this.consoleUrl = consoleUrl;
        lease.identify(consoleUrl);
        // Fixed rate: a slow round (a search engine near its timeout) delays the next start, never adds the interval.
        thread.scheduleAtFixedRate(this::round, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Status status() {
        return status;
    }

    public void stop() {
        if (!thread.isShutdown()) {
            thread.execute(lease::release);
            thread.shutdown();
        }
    }

    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return thread.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        if (!awaitStop(Duration.ofSeconds(15))) {
            thread.shutdownNow();
            log.warn("the alert evaluator did not finish its round within 15 s; interrupted");
        }
    }

    void round() {
        try {
            if (!lease.holdOrAcquire()) {
                status = new Status(false, status.lastRound(), null);
                return;
            }
            Instant now = clock.instant();
            Map<String, AlertState> states = store.states();
            Measurements.Round round = measurements.round();
            for (AlertRules.Stored s : rules.all()) {
                AlertState prev = states.getOrDefault(s.name(), AlertState.INITIAL);
                if (!evaluate(s, prev, round, now)) {
                    status = new Status(false, status.lastRound(), "lost the evaluator lease during the round");
                    return;
                }
            }
            status = new Status(true, now, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            String why = e.getMessage() != null ? e.getMessage() : e.toString();
            status = new Status(status.evaluating(), status.lastRound(), why);
            if (problems.admit(why).isPresent()) {
                log.error("alert evaluation failed: {}", why);
            }
        }
    }

    /** False when this console lost the lease: nothing more may be written or sent. */
    private boolean evaluate(AlertRules.Stored s, AlertState prev, Measurements.Round round, Instant now)
            throws Exception {
        if (s.rule() == null) {
            return write(s.name(), RuleMachine.failed(prev, "invalid rule: " + String.join("; ", s.problems()), now),
                    List.of());
        }
        AlertRule rule = s.rule();
        RuleMachine.Step step = RuleMachine.step(rule, prev, round.measure(rule), now);
        List<HistoryEntry> history = new ArrayList<>();
        for (Event e : step.events()) {
            metrics.counter("console.alerts.events", "event", e.name().toLowerCase()).increment();
            if (e != Event.REMINDER) {
                history.add(new HistoryEntry(now, e.name().toLowerCase(), step.state().lastValue(), rule.threshold(),
                        step.muted(), null));
                log.info("alert {} {} (value {}, {} {})", rule.name(), e.name().toLowerCase(),
                        step.state().lastValue(), rule.op().symbol, rule.threshold());
            }
        }
        if (!write(s.name(), step.state(), history)) {
            return false;
        }
        if (step.state().outbox().isEmpty()) {
            return true;
        }
        Deliveries.Result r = deliveries.deliver(rule, step.state(), clock.instant(), consoleUrl);
        return write(s.name(), r.state(), r.failed());
    }

    private boolean write(String name, AlertState state, List<HistoryEntry> history) throws Exception {
        AlertStore.Writes w = store.writes(name, state, history);
        return lease.putIfHolder(w.puts(), w.deletes());
    }
}
