package io.logagent.console.alerts;

import io.logagent.console.monitor.AgentStatuses;
import io.logagent.console.monitor.DeadLetters;
import io.logagent.console.monitor.HostOverview;
import io.logagent.console.monitor.PipelineService;
import io.logagent.console.search.SearchService;
import io.logagent.console.search.TimeRange;
import io.logagent.core.alert.AlertRule;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Measures each rule's number from what the console already reads: the search engine (query), the agents' leased
 * status keys and the hosts with a config (agent_offline, entry_error), Kafka and the index (consumer_lag,
 * topic_stale), the dead-letter topic (dead_letters). A failure becomes the rule's error, never an exception.
 */
public final class Measurements {

    /** What the pattern kind says until the transfer's patterns feed it. */
    static final String PATTERNS_ABSENT = "not available until patterns land (the transfer does not assign patterns yet)";

    private final SearchService search;
    private final HostOverview hosts;
    private final AgentStatuses statuses;
    private final PipelineService pipeline;
    private final Optional<DeadLetters> deadLetters;
    private final Clock clock;

    public Measurements(SearchService search, HostOverview hosts, AgentStatuses statuses, PipelineService pipeline,
                        Optional<DeadLetters> deadLetters, Clock clock) {
        this.search = search;
        this.hosts = hosts;
        this.statuses = statuses;
        this.pipeline = pipeline;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    /** One evaluation round: the pipeline snapshot and the dead letters are read at most once for all rules. */
    Round round() {
        return new Round();
    }

    final class Round {
        private final Supplier<Map<String, Object>> snapshot = memo(pipeline::snapshot);
        private final Supplier<List<DeadLetters.Letter>> letters = memo(() -> deadLetters
                .orElseThrow(() -> new IllegalStateException("Kafka monitoring is off ([kafka] address is empty)"))
                .recent(DeadLetters.MAX_LIMIT));

        Measurement measure(AlertRule rule) {
            try {
                return switch (rule.kind()) {
                    case QUERY -> query(rule);
                    case PATTERN -> Measurement.failed(PATTERNS_ABSENT);
                    case AGENT_OFFLINE -> offline(rule);
                    case ENTRY_ERROR -> entryErrors(rule);
                    case CONSUMER_LAG -> lag(rule);
                    case TOPIC_STALE -> stale(rule);
                    case DEAD_LETTERS -> dead(rule);
                };
            } catch (RuntimeException e) {
                return Measurement.failed(e.getMessage() != null ? e.getMessage() : e.toString());
            }
        }

        private Measurement query(AlertRule rule) {
            Instant now = clock.instant();
            long n = search.search(rule.query(), new TimeRange(now.minus(rule.window()), now),
                    new SearchService.Page(1, true, null)).total();
            return Measurement.of(n, n + " matching in the last " + rule.window().toSeconds() + " s");
        }

        private Measurement offline(AlertRule rule) {
            List<String> off = hosts.hosts().stream()
                    .filter(h -> h.configured() && !h.online() && (rule.host() == null || rule.host().equals(h.host())))
                    .map(HostOverview.Host::host).toList();
            return Measurement.of(off.size(), off.isEmpty() ? "every agent reports" : "no status from " + off);
        }

        private Measurement entryErrors(AlertRule rule) {
            List<String> errors = new ArrayList<>();
            statuses.read().forEach((ip, reported) -> {
                if (rule.host() == null || rule.host().equals(ip)) {
                    AgentStatuses.errors(reported).forEach(e -> errors.add(ip + " " + e));
                }
            });
            return Measurement.of(errors.size(), errors.isEmpty() ? "no entry in error" : String.join("; ", errors));
        }

        private Measurement lag(AlertRule rule) {
            Object kafka = snapshot.get().get("kafka");
            if (!(kafka instanceof List<?> topics)) {
                return Measurement.failed("Kafka: " + kafka);
            }
            long worst = 0;
            String where = "no lag";
            for (Object o : topics) {
                PipelineService.Topic t = (PipelineService.Topic) o;
                if ((rule.topic() == null || rule.topic().equals(t.name())) && t.totalLag() > worst) {
                    worst = t.totalLag();
                    where = "topic " + t.name();
                }
            }
            return Measurement.of(worst, where);
        }

        private Measurement stale(AlertRule rule) {
            Object fresh = snapshot.get().get("freshness");
            if (!(fresh instanceof List<?> topics)) {
                return Measurement.failed("index: " + fresh);
            }
            long oldest = -1;
            String where = "no indexed line" + (rule.topic() == null ? "" : " of topic " + rule.topic());
            for (Object o : topics) {
                PipelineService.Freshness f = (PipelineService.Freshness) o;
                if ((rule.topic() == null || rule.topic().equals(f.topic())) && f.ageSeconds() > oldest) {
                    oldest = f.ageSeconds();
                    where = "topic " + f.topic() + " newest line " + f.newest();
                }
            }
            if (oldest < 0) {
                return Measurement.failed(where);
            }
            return Measurement.of(oldest, where);
        }

        private Measurement dead(AlertRule rule) {
            Instant from = clock.instant().minus(rule.window());
            List<DeadLetters.Letter> recent = letters.get();
            long n = recent.stream().filter(l -> l.time() != null && !l.time().isBefore(from)).count();
            // Only the newest MAX_LIMIT are read: say so rather than report a capped count as exact.
            String detail = n >= DeadLetters.MAX_LIMIT ? "at least " + n + " (only the newest " + DeadLetters.MAX_LIMIT
                    + " are read)" : n + " in the last " + rule.window().toSeconds() + " s";
            return Measurement.of(n, detail);
        }
    }

    private static <T> Supplier<T> memo(Supplier<T> source) {
        return new Supplier<>() {
            private T value;
            private RuntimeException failure;

            @Override
            public T get() {
                if (value == null && failure == null) {
                    try {
                        value = source.get();
                    } catch (RuntimeException e) {
                        failure = e;
                    }
                }
                if (failure != null) {
                    throw failure;
                }
                return value;
            }
        };
    }
}
