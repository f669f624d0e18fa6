package io.logagent.console.monitor;

import io.logagent.console.etcd.EtcdKv;
import io.logagent.console.hosts.CanaryRollout;
import io.logagent.console.hosts.CollectConfigService;
import io.logagent.core.collect.CanaryKeys;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Per group, which hosts follow it and where each stands with its current revision ({@link Rollout}). Membership
 * comes from the agents themselves: each live agent lists in {@code applied_revisions} every config key it follows
 * (its own and its groups', from its {@code [agent] groups}), so a group's members are the online agents listing the
 * group's key. An agent that is offline is not listed: its status key (and so its membership) is gone.
 */
public final class GroupRollout {

    /**
     * @param applied true only when the member runs every entry of the revision of its wave
     * @param wave    "canary" for a canary host (its rollout is of its canary key), else "all"
     */
    public record Member(String host, String wave, long appliedRevision, boolean applied, Rollout rollout,
                         List<String> allowPaths, List<String> errors) { }

    /** A staged rollout in progress: the hosts named, the canary keys' revision and where each canary host stands. */
    public record Canary(List<String> hosts, long revision, Map<String, Integer> counts) { }

    /**
     * @param revision     mod_revision of the group's key, 0 when it does not exist (members then collect nothing)
     * @param appliedCount members of wave "all" in state applied; {@code counts} has every state's
     * @param canary       null without a staged rollout in progress
     */
    public record Group(String group, String key, long revision, int appliedCount, Map<String, Integer> counts,
                        Canary canary, List<Member> members) { }

    private final CollectConfigService configs;
    private final AgentStatuses statuses;
    private final EtcdKv etcd;
    private final CanaryRollout canaries;

    public GroupRollout(CollectConfigService configs, AgentStatuses statuses, EtcdKv etcd, CanaryRollout canaries) {
        this.configs = configs;
        this.statuses = statuses;
        this.etcd = etcd;
        this.canaries = canaries;
    }

    /** Every group with a key in etcd or a member reporting it, by name. */
    public List<Group> groups() {
        Map<String, List<Member>> members = new TreeMap<>();
        Map<String, Long> revisions = new TreeMap<>();
        Map<String, Optional<CanaryRollout.Canary>> staged = new TreeMap<>();
        configs.groupRevisions().forEach((name, revision) -> { // one range read for every group
            members.put(name, new ArrayList<>());
            revisions.put(name, revision);
        });
        statuses.read().forEach((ip, reported) -> {
            if (reported.report() == null) {
                return;
            }
            reported.report().appliedRevisions().keySet().forEach(key -> configs.groupName(key).ifPresent(name -> {
                long current = revisions.computeIfAbsent(name, n -> etcd.get(configs.groupKey(n)).modRevision());
                CanaryRollout.Canary canary = staged.computeIfAbsent(name, n -> Optional.ofNullable(canaries.read(n)))
                        .orElse(null);
                boolean inCanary = canary != null && canary.revisions().containsKey(ip);
                Rollout r = inCanary ? Rollout.of(reported.report(), CanaryKeys.key(key, ip),
                        canary.revisions().get(ip), false) : Rollout.of(reported.report(), key, current, false);
                members.computeIfAbsent(name, n -> new ArrayList<>()).add(new Member(ip, inCanary ? "canary" : "all",
                        r.appliedRevision(), r.state() == Rollout.State.APPLIED, r, reported.report().allowPaths(),
                        AgentStatuses.errors(reported)));
            }));
        });
        List<Group> out = new ArrayList<>();
        members.forEach((name, list) -> {
            Map<String, Integer> counts = counts(list, "all");
            CanaryRollout.Canary c = staged.computeIfAbsent(name, n -> Optional.ofNullable(canaries.read(n))).orElse(null);
            Canary canary = c == null ? null : new Canary(c.hosts(),
                    c.revisions().values().stream().mapToLong(Long::longValue).max().orElse(0), counts(list, "canary"));
            out.add(new Group(name, configs.groupKey(name), revisions.get(name), counts.get("applied"),
                    counts, canary, List.copyOf(list)));
        });
        return out;
    }

    private static Map<String, Integer> counts(List<Member> members, String wave) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Rollout.State s : Rollout.State.values()) {
            counts.put(s.label(), (int) members.stream()
                    .filter(m -> m.wave().equals(wave) && m.rollout().state() == s).count());
        }
        return counts;
    }
}
