package io.logagent.agent.status;

import io.logagent.core.status.StatusReport;

import io.logagent.agent.source.DesiredConfig;
import io.logagent.core.status.CollectorStatus;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final List<String> allowPaths;
    private volatile DesiredConfig config = new DesiredConfig(List.of(), List.of(), List.of(), 0,
            DesiredConfig.Origin.LOCAL_COPY);

    /**
     * @param collectors      statuses of the running collectors (the reconciler's)
     * @param connectionError the config source's current etcd problem, or null
     * @param allowPaths      {@code [agent] allow_paths}, reported so an editor can warn before saving an entry outside
     */
    public StatusBoard(String host, String version, Clock clock, Supplier<List<CollectorStatus>> collectors,
                       Supplier<String> connectionError, List<String> allowPaths) {
        this.allowPaths = List.copyOf(allowPaths);
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
        List<StatusReport.RefusedEntry> refused = new ArrayList<>();
        for (DesiredConfig.Refused r : c.refused()) {
            entries.add(new CollectorStatus(r.entry().path(), r.entry().topic(), CollectorStatus.State.ERROR,
                    r.reason(), List.of()));
            refused.add(new StatusReport.RefusedEntry(r.key(), r.entry().path(), r.entry().topic(), r.reason()));
        }
        Map<String, StatusReport.FailedRevision> failed = new LinkedHashMap<>();
        c.failed().forEach((key, f) -> failed.put(key, new StatusReport.FailedRevision(f.revision(), f.reason())));
        List<String> errors = new ArrayList<>(c.errors());
        String connection = connectionError.get();
        if (connection != null) {
            errors.add(connection);
        }
        return new StatusReport(host, version, startedAt, c.revision(), c.keyRevisions(),
                errors.isEmpty() ? null : String.join("; ", errors), entries, clock.instant(), allowPaths, refused,
                failed);
    }
}
