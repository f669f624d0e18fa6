package io.logagent.core.alert;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One alert rule as stored in etcd at {@link io.logagent.core.etcd.EtcdKeyLayout#alertKey}: what to measure
 * ({@link Kind}), when that value means trouble ({@code value op threshold}, held for {@code holdFor}), and whom to
 * tell. Every kind yields one number per evaluation, so one state machine serves them all.
 *
 * @param query       the search (query kind; optional filter of the pattern kind), else null
 * @param window      the look-back of the query and dead_letters kinds, else null
 * @param holdFor     how long the condition must hold before the rule fires ({@code "for"}; zero = at once)
 * @param topic       consumer_lag / topic_stale: only this topic (null = any)
 * @param host        agent_offline / entry_error: only this host (null = any)
 * @param targets     where to notify ({@code "notify"} in JSON)
 * @param repeat      a reminder while firing every this long; zero = none
 * @param muteUntil   until then transitions are recorded but nobody is notified (null = not muted)
 */
public record AlertRule(String name, Kind kind, String query, Duration window, double threshold, Op op,
                        Duration holdFor, String topic, String host, String patternId, Double rateFactor,
                        List<Notify> targets, Duration repeat, Instant muteUntil, String description) {

    public static final Duration DEFAULT_REPEAT = Duration.ofHours(1);

    public AlertRule {
        targets = List.copyOf(targets);
    }

    /** What the rule measures; the JSON name is the lower-case constant. */
    public enum Kind {
        /** count of documents matching {@code query} in the last {@code window} */
        QUERY,
        /** a new log pattern, or a pattern's rate N× its baseline: fed by the transfer's patterns */
        PATTERN,
        /** number of hosts with a collect config whose agent reports no status */
        AGENT_OFFLINE,
        /** the transfer group's lag (largest topic total) */
        CONSUMER_LAG,
        /** age in seconds of the newest indexed line of the stalest topic */
        TOPIC_STALE,
        /** dead letters written in the last {@code window} */
        DEAD_LETTERS,
        /** collect entries or files in error, over every host */
        ENTRY_ERROR;

        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Op {
        GT(">"), GE(">="), LT("<"), LE("<="), EQ("=="), NE("!=");

        public final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public boolean test(double value, double threshold) {
            return switch (this) {
                case GT -> value > threshold;
                case GE -> value >= threshold;
                case LT -> value < threshold;
                case LE -> value <= threshold;
                case EQ -> value == threshold;
                case NE -> value != threshold;
            };
        }
    }

    /** Exactly one of {@code webhook} (http/https URL) and {@code email} (an address). */
    public record Notify(URI webhook, String email) {
        public String describe() {
            return webhook != null ? "webhook " + webhook : "email " + email;
        }
    }

    /** True while {@code now} is before {@code muteUntil}. */
    public boolean mutedAt(Instant now) {
        return muteUntil != null && now.isBefore(muteUntil);
    }
}
