package io.logagent.console.monitor;

import io.logagent.console.etcd.EtcdKv;
import io.logagent.console.hosts.CollectConfigService;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per group, which hosts follow it and where each stands with its current revision ({@link Rollout}). Membership
 * comes from the agents themselves: each live agent lists in {@code applied_revisions} every config key it follows
 * (its own and its groups', from its {@code [agent] groups}), so a group's members are the online agents listing the
 * group's key. An agent that is offline is not listed: its status key (and so its membership) is gone.
 */
public final class GroupRollout {

    /** @param applied true only when the member runs every entry of the group's current revision */
    public record Member(String host, long appliedRevision, boolean applied, Rollout rollout, List<String> allowPaths,
                         List<String> errors) { }

    /**
     * @param revision     mod_revision of the group's key, 0 when it does not exist (members then collect nothing)
     * @param appliedCount members in state applied; {@code counts} has every state's
     */
    public record Group(String group, String key, long revision, int appliedCount, Map<String, Integer> counts,
                        List<Member> members) { }

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
        statuses.read().forEach((ip, reported) -> {
            if (reported.report() == null) {
                return;
            }
            reported.report().appliedRevisions().keySet().forEach(key -> configs.groupName(key).ifPresent(name -> {
                long current = revisions.computeIfAbsent(name, n -> etcd.get(configs.groupKey(n)).modRevision());
                Rollout r = Rollout.of(reported.report(), key, current, false);
                members.computeIfAbsent(name, n -> new ArrayList<>()).add(new Member(ip, r.appliedRevision(),
                        r.state() == Rollout.State.APPLIED, r, reported.report().allowPaths(),
                        AgentStatuses.errors(reported)));
            }));
        });
        List<Group> out = new ArrayList<>();
        members.forEach((name, list) -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (Rollout.State s : Rollout.State.values()) {
                counts.put(s.label(), (int) list.stream().filter(m -> m.rollout().state() == s).count());
            }
            out.add(new Group(name, configs.groupKey(name), revisions.get(name), counts.get("applied"),
                    counts, List.copyOf(list)));
        });
        return out;
    }
}
