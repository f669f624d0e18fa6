package io.logagent.console.monitor;

import io.logagent.console.hosts.CollectConfigService;
import io.logagent.core.collect.CollectConfigCodec;
import io.logagent.core.collect.CollectConfigException;
import io.logagent.core.collect.CollectEntry;
import io.logagent.core.collect.PathAllowlist;
import io.logagent.core.status.StatusReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Before a save: what the agents that would receive a value will refuse. The value is checked with the agents' own
 * codec (problems: the whole value would be refused) and each entry's path against the {@code allow_paths} each
 * receiving agent reports, with the agent's own rule ({@link PathAllowlist}) (warnings: that agent would apply the
 * value in part).
 */
public final class AllowPathsCheck {

    public record Result(List<String> problems, List<String> warnings, List<String> checkedHosts) { }

    private final CollectConfigService configs;
    private final AgentStatuses statuses;
    private final CollectConfigCodec codec;

    public AllowPathsCheck(CollectConfigService configs, AgentStatuses statuses, CollectConfigCodec codec) {
        this.configs = configs;
        this.statuses = statuses;
        this.codec = codec;
    }

    /** @param key the host's or group's config key the value is for */
    public Result check(String key, String value) {
        List<CollectEntry> entries;
        try {
            entries = codec.parse(value);
        } catch (CollectConfigException e) {
            return new Result(e.problems(), List.of(), List.of());
        }
        List<String> warnings = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        for (Map.Entry<String, AgentStatuses.Reported> agent : statuses.read().entrySet()) {
            StatusReport s = agent.getValue().report();
            if (s == null || !receives(agent.getKey(), s, key)) {
                continue;
            }
            hosts.add(agent.getKey());
            if (s.allowPaths().isEmpty()) {
                continue; // an agent from before allow_paths was reported: nothing to check against
            }
            PathAllowlist allow = new PathAllowlist(s.allowPaths());
            for (int i = 0; i < entries.size(); i++) {
                int n = i + 1;
                allow.check(entries.get(i).path())
                        .ifPresent(reason -> warnings.add("entry " + n + " on " + agent.getKey() + ": " + reason));
            }
        }
        return new Result(List.of(), warnings, hosts);
    }

    private boolean receives(String ip, StatusReport s, String key) {
        return configs.groupName(key).isPresent() ? s.appliedRevisions().containsKey(key)
                : key.equals(configs.hostKey(ip));
    }
}
