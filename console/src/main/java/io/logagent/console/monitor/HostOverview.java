package io.logagent.console.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.logagent.console.etcd.EtcdKv;
import io.logagent.console.hosts.CollectConfigService;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One row per host known from either side (a config key or a status key), with rollout state: a host has applied
 * its config when the revision the agent reports is at least the config key's mod_revision.
 */
public final class HostOverview {

    /** @param groups the groups the agent follows (from its status), so a host without its own key is not a mystery */
    public record Host(String host, boolean online, boolean configured, long configRevision, long appliedRevision,
                       boolean applied, String version, String updatedAt, List<String> groups, List<String> errors) { }

    private final CollectConfigService configs;
    private final AgentStatuses statuses;
    private final EtcdKv etcd;

    public HostOverview(CollectConfigService configs, AgentStatuses statuses, EtcdKv etcd) {
        this.configs = configs;
        this.statuses = statuses;
        this.etcd = etcd;
    }

    public List<Host> hosts() {
        Map<String, JsonNode> status = statuses.read();
        TreeSet<String> configured = configs.configuredHosts();
        TreeSet<String> all = new TreeSet<>(configured);
        all.addAll(status.keySet());
        List<Host> rows = new ArrayList<>();
        for (String ip : all) {
            long configRevision = configured.contains(ip) ? etcd.get(configs.hostKey(ip)).modRevision() : 0;
            JsonNode s = status.get(ip);
            long applied = s == null ? 0 : s.path("config_revision").asLong(0);
            rows.add(new Host(ip, s != null, configured.contains(ip), configRevision, applied,
                    s != null && applied >= configRevision,
                    s == null ? null : s.path("version").asText(null),
                    s == null ? null : s.path("updated_at").asText(null),
                    s == null ? List.of() : groups(s),
                    s == null ? List.of() : AgentStatuses.errors(s)));
        }
        return rows;
    }

    private List<String> groups(JsonNode status) {
        List<String> names = new ArrayList<>();
        status.path("applied_revisions").fieldNames().forEachRemaining(key -> configs.groupName(key).ifPresent(names::add));
        return names;
    }
}
