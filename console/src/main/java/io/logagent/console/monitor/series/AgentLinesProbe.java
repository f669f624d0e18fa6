package io.logagent.console.monitor.series;

import io.logagent.console.monitor.AgentStatuses;
import io.logagent.core.status.CollectorStatus;
import io.logagent.core.status.StatusReport;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * Lines per second shipped by all agents, from the {@code lines_sent} counters of their status in etcd. An agent
 * rewrites its status only every few seconds, so each host's rate is measured between two of its own reports (by
 * their {@code updated_at}), not between two samples of the console; the figure is the sum of the latest rate of
 * every agent online. A host whose counter went down (a file rotated away) keeps its previous rate for that step.
 */
public final class AgentLinesProbe implements Probe {

    private record HostRate(Instant reportedAt, CounterRate counter, double rate, boolean known) { }

    private final Supplier<Map<String, AgentStatuses.Reported>> statuses;
    private final Map<String, HostRate> hosts = new HashMap<>();

    /** @param statuses ip → status now ({@link AgentStatuses#read()}) */
    public AgentLinesProbe(Supplier<Map<String, AgentStatuses.Reported>> statuses) {
        this.statuses = statuses;
    }

    @Override
    public OptionalDouble sample(Instant now) {
        Map<String, HostRate> seen = new HashMap<>();
        statuses.get().forEach((ip, reported) -> {
            StatusReport report = reported.report();
            if (report == null || report.updatedAt() == null) {
                return;
            }
            HostRate before = hosts.get(ip);
            if (before != null && before.reportedAt().equals(report.updatedAt())) {
                seen.put(ip, before);
                return;
            }
            CounterRate counter = before == null ? new CounterRate() : before.counter();
            OptionalDouble rate = counter.next(report.updatedAt(), linesSent(report));
            boolean known = rate.isPresent() || (before != null && before.known());
            double value = rate.isPresent() ? rate.getAsDouble() : before == null ? 0 : before.rate();
            seen.put(ip, new HostRate(report.updatedAt(), counter, value, known));
        });
        hosts.clear();
        hosts.putAll(seen); // agents gone offline leave the sum
        if (hosts.isEmpty()) {
            return OptionalDouble.of(0);
        }
        if (hosts.values().stream().noneMatch(HostRate::known)) {
            return OptionalDouble.empty(); // every agent seen once only: no rate yet
        }
        return OptionalDouble.of(hosts.values().stream().mapToDouble(HostRate::rate).sum());
    }

    private static double linesSent(StatusReport report) {
        long sum = 0;
        for (CollectorStatus entry : report.entries()) {
            for (CollectorStatus.FileStatus file : entry.files()) {
                sum += file.linesSent();
            }
        }
        return sum;
    }
}
