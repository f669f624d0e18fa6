package io.logagent.agent.status;

import io.logagent.agent.source.DesiredConfig;
import io.logagent.agent.tail.CollectorStatus;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Assembles the {@link StatusReport} from the live collectors and the last config applied. Thread-safe: the config
 * thread records configs, the publisher and the HTTP endpoint read reports.
 */
public final class StatusBoard {
    private final String host;
    private final String version;
    private final Clock clock;
    private final Instant startedAt;
    private final Supplier<List<CollectorStatus>> collectors;
    private final Supplier<String> connectionError;
    private volatile DesiredConfig config = new DesiredConfig(List.of(), List.of(), List.of(), 0,
            DesiredConfig.Origin.LOCAL_COPY);

    /**
     * @param collectors      statuses of the running collectors (the reconciler's)
     * @param connectionError the config source's current etcd problem, or null
     */
    public StatusBoard(String host, String version, Clock clock, Supplier<List<CollectorStatus>> collectors,
                       Supplier<String> connectionError) {
        this.host = host;
        this.version = version;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.collectors = collectors;
        this.connectionError = connectionError;
    }

    public void configApplied(DesiredConfig applied) {
        this.config = applied;
    }

    public StatusReport report() {
        DesiredConfig c = config;
        List<CollectorStatus> entries = new ArrayList<>(collectors.get());
        for (DesiredConfig.Refused r : c.refused()) {
            entries.add(new CollectorStatus(r.entry().path(), r.entry().topic(), CollectorStatus.State.ERROR,
                    r.reason(), List.of()));
        }
        List<String> errors = new ArrayList<>(c.errors());
        String connection = connectionError.get();
        if (connection != null) {
            errors.add(connection);
        }
        return new StatusReport(host, version, startedAt, c.revision(), c.keyRevisions(),
                errors.isEmpty() ? null : String.join("; ", errors), entries, clock.instant());
    }
}
