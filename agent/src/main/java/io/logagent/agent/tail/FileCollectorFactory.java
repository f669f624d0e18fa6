package io.logagent.agent.tail;

import io.logagent.core.collect.PathAllowlist;
import io.logagent.agent.registry.Registry;
import io.logagent.agent.ship.EventSink;
import io.logagent.core.collect.CollectEntry;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;

/** Makes a {@link FileCollector} per entry; all of them share the registry, the sink and the settings. */
public final class FileCollectorFactory implements CollectorFactory {

    private final Registry registry;
    private final EventSink sink;
    private final TailSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;
    private final PathAllowlist allowlist;

    /** @param allowlist checked against the real path of every file a collector opens (symlinks resolved) */
    public FileCollectorFactory(Registry registry, EventSink sink, TailSettings settings, Clock clock,
                                MeterRegistry meters, PathAllowlist allowlist) {
        this.allowlist = allowlist;
        this.registry = registry;
        this.sink = sink;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public FileCollector create(CollectEntry entry) {
        return new FileCollector(entry, settings, registry.forEntry(entry.id()), sink, clock,
                new TailMetrics(meters, entry), allowlist);
    }
}
