package io.logagent.console.monitor;

import io.logagent.console.etcd.EtcdKv;
import io.logagent.console.hosts.CollectConfigService;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per group, which hosts follow it and which of them applied its current revision. Membership comes from the agents
 * themselves: each live agent lists in {@code applied_revisions} every config key it follows (its own and its
 * groups', from its {@code [agent] groups}) with the revision it applied, so a group's members are the online agents
 * listing the group's key. A member has applied the group's config when that revision is at least the key's
 * mod_revision. An agent that is offline is not listed: its status key (and so its membership) is gone.
 */
public final class GroupRollout {

    public record Member(String host, long appliedRevision, boolean applied, List<String> errors) { }

    /**
     * @param revision mod_revision of the group's key, 0 when it does not exist (members then collect nothing from it)
     */
    public record Group(String group, String key, long revision, int appliedCount, List<Member> members) { }

    private final CollectConfigService configs;
    private final AgentStatuses statuses;
    private final EtcdKv etcd;

    public GroupRollout(CollectConfigService configs, AgentStatuses statuses, EtcdKv etcd) {
        this.configs = configs;
        this.statuses = statuses;
        this.etcd = etcd;
    }

    /** Every group with a key in etcd or a member reporting it, by name. */
    public List<Group> groups() {
        Map<String, List<Member>> members = new TreeMap<>();
        Map<String, Long> revisions = new TreeMap<>();
        for (String name : configs.groups()) {
            members.put(name, new ArrayList<>());
            revisions.put(name, etcd.get(configs.groupKey(name)).modRevision());
        }
        statuses.read().forEach((ip, status) -> status.path("applied_revisions").properties().forEach(applied ->
                configs.groupName(applied.getKey()).ifPresent(name -> {
                    long current = revisions.computeIfAbsent(name, n -> etcd.get(configs.groupKey(n)).modRevision());
                    long seen = applied.getValue().asLong(0);
                    members.computeIfAbsent(name, n -> new ArrayList<>())
                            .add(new Member(ip, seen, seen >= current, AgentStatuses.errors(status)));
                })));
        List<Group> out = new ArrayList<>();
        members.forEach((name, list) -> out.add(new Group(name, configs.groupKey(name), revisions.get(name),
                (int) list.stream().filter(Member::applied).count(), List.copyOf(list))));
        return out;
    }
}
