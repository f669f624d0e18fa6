package io.logagent.console.alerts;

import io.logagent.console.alerts.AlertState.Outgoing;
import io.logagent.core.alert.AlertRule;
import io.logagent.core.alert.Durations;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivers a rule's outbox: each notification to each target still owed it, retried with backoff (5 s doubling to
 * 5 min) up to {@code maxAttempts}, then given up with a {@code delivery_failed} history line. The last failure stays
 * on the rule ({@code deliveryError}) until a delivery succeeds, so it shows in the console.
 */
final class Deliveries {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    /** A rule's outbox after one pass, and the history lines for notifications given up. */
    record Result(AlertState state, List<HistoryEntry> failed) { }

    private final WebhookNotifier webhook;
    private final EmailNotifier email;
    private final int maxAttempts;
    private final MeterRegistry metrics;

    Deliveries(WebhookNotifier webhook, EmailNotifier email, int maxAttempts, MeterRegistry metrics) {
        this.webhook = webhook;
        this.email = email;
        this.maxAttempts = maxAttempts;
        this.metrics = metrics;
    }

    /** Tries every notification that is due; {@code consoleUrl} starts the links. */
    Result deliver(AlertRule rule, AlertState state, Instant now, String consoleUrl) throws InterruptedException {
        List<Outgoing> kept = new ArrayList<>();
        List<HistoryEntry> failed = new ArrayList<>();
        AlertState out = state;
        boolean anySent = false;
        boolean anyFailed = false;
        for (Outgoing o : state.outbox()) {
            if (o.nextAttempt() != null && o.nextAttempt().isAfter(now)) {
                kept.add(o);
                continue;
            }
            Notice notice = notice(rule, o, consoleUrl);
            List<Integer> owed = new ArrayList<>();
            String error = null;
            for (int target : o.targets()) {
                if (target >= rule.targets().size()) {
                    continue; // the rule was edited and lost this target: nobody left to tell
                }
                AlertRule.Notify to = rule.targets().get(target);
                try {
                    if (to.webhook() != null) {
                        webhook.send(to.webhook(), notice);
                    } else {
                        email.send(to.email(), notice);
                    }
                    metrics.counter("console.alerts.notifications", "result", "sent").increment();
                    anySent = true;
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    metrics.counter("console.alerts.notifications", "result", "failed").increment();
                    owed.add(target);
                    anyFailed = true;
                    error = to.describe() + ": " + (e.getMessage() != null ? e.getMessage() : e.toString());
                }
            }
            if (owed.isEmpty()) {
                continue;
            }
            int attempts = o.attempts() + 1;
            out = out.withDeliveryError(o.event().name().toLowerCase() + " of " + o.at() + " to " + error
                    + " (attempt " + attempts + " of " + maxAttempts + ")", now);
            if (attempts >= maxAttempts) {
                log.warn("alert {}: gave up the {} notification after {} attempts: {}", rule.name(),
                        o.event().name().toLowerCase(), attempts, error);
                failed.add(new HistoryEntry(now, "delivery_failed", o.value(), rule.threshold(), false,
                        o.event().name().toLowerCase() + " of " + o.at() + " to " + error));
                continue;
            }
            kept.add(new Outgoing(o.id(), o.event(), o.value(), o.at(), owed, attempts, now.plus(backoff(attempts)),
                    error));
        }
        if (anySent && !anyFailed && kept.stream().noneMatch(o -> o.attempts() > 0)) {
            out = out.withDeliveryError(null, null); // deliveries go through again and none is still owed
        }
        return new Result(out.withOutbox(kept), failed);
    }

    static Duration backoff(int attempts) {
        Duration d = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempts - 1, 20));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    static Notice notice(AlertRule rule, Outgoing o, String consoleUrl) {
        String state = o.event().name().toLowerCase();
        return new Notice(rule.name(), rule.kind().json(), state, o.value(), rule.op().symbol, rule.threshold(),
                rule.window() == null || rule.window().isZero() ? null : Durations.format(rule.window()),
                link(rule, o.at(), consoleUrl), o.at(), rule.description());
    }

    /** The search the rule counts, over its window up to the event; the pipeline or hosts page for the other kinds. */
    static String link(AlertRule rule, Instant at, String consoleUrl) {
        return switch (rule.kind()) {
            case QUERY, PATTERN -> {
                Duration window = rule.window() == null || rule.window().isZero() ? Duration.ofMinutes(15) : rule.window();
                yield consoleUrl + "/#search?q=" + enc(rule.query() == null ? "" : rule.query())
                        + "&from=" + enc(at.minus(window).toString()) + "&to=" + enc(at.toString());
            }
            case AGENT_OFFLINE, ENTRY_ERROR -> consoleUrl + "/#hosts";
            case CONSUMER_LAG, TOPIC_STALE, DEAD_LETTERS -> consoleUrl + "/#pipeline";
        };
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
