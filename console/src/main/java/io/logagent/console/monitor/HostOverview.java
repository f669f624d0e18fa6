package io.logagent.console.monitor;

import io.logagent.console.hosts.CollectConfigService;
import io.logagent.core.status.StatusReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One row per host known from either side (a config key or a status key), with the {@link Rollout} of its own
 * config key.
 */
public final class HostOverview {

    /**
     * @param applied   true only when the host runs every entry of its config's current revision
     * @param rollout   the state of its own key (null without one)
     * @param groups    the groups the agent follows (from its status), so a host without its own key is not a mystery
     * @param allowPaths the agent's allow_paths (empty when it does not report them)
     */
    public record Host(String host, boolean online, boolean configured, long configRevision, long appliedRevision,
                       boolean applied, Rollout rollout, String version, String updatedAt, List<String> groups,
                       List<String> allowPaths, List<String> errors) { }

    private final CollectConfigService configs;
    private final AgentStatuses statuses;

    public HostOverview(CollectConfigService configs, AgentStatuses statuses) {
        this.configs = configs;
        this.statuses = statuses;
    }

    public List<Host> hosts() {
        Map<String, AgentStatuses.Reported> status = statuses.read();
        Map<String, Long> configured = configs.configuredHostRevisions();
        TreeSet<String> all = new TreeSet<>(configured.keySet());
        all.addAll(status.keySet());
        List<Host> rows = new ArrayList<>();
        for (String ip : all) {
            boolean hasKey = configured.containsKey(ip);
            long configRevision = configured.getOrDefault(ip, 0L);
            AgentStatuses.Reported reported = status.get(ip);
            StatusReport s = reported == null ? null : reported.report();
            Rollout rollout = !hasKey ? null : s == null ? Rollout.offline()
                    : Rollout.of(s, configs.hostKey(ip), configRevision, true);
            rows.add(new Host(ip, reported != null, hasKey, configRevision,
                    rollout != null ? rollout.appliedRevision() : s == null ? 0 : s.configRevision(),
                    rollout != null && rollout.state() == Rollout.State.APPLIED, rollout,
                    s == null ? null : s.version(),
                    s == null || s.updatedAt() == null ? null : s.updatedAt().toString(),
                    s == null ? List.of() : groups(s),
                    s == null ? List.of() : s.allowPaths(),
                    reported == null ? List.of() : AgentStatuses.errors(reported)));
        }
        return rows;
    }

    private List<String> groups(StatusReport status) {
        List<String> names = new ArrayList<>();
        status.appliedRevisions().keySet().forEach(key -> configs.groupName(key).ifPresent(names::add));
        names.sort(null);
        return names;
    }
}
