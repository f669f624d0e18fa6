package io.logagent.console.hosts;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.logagent.console.etcd.EtcdKv;
import io.logagent.console.web.ApiError;
import io.logagent.core.collect.CanaryKeys;
import io.logagent.core.collect.CollectConfigCodec;
import io.logagent.core.collect.CollectConfigException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Staged rollout of a group's config: the next value goes to a named canary subset of the group's hosts first (one
 * key per host below the group key, {@link CanaryKeys}), then is promoted to the group key (every member) or rolled
 * back (the canary hosts run the group key's value again). Every step is one etcd transaction with its audit record.
 */
public final class CanaryRollout {

    /** @param revisions per canary host, the mod_revision of its canary key */
    public record Canary(String group, String value, Map<String, Long> revisions) {
        @JsonProperty("hosts")
        public List<String> hosts() {
            return List.copyOf(revisions.keySet());
        }
    }

    private final EtcdKv etcd;
    private final CollectConfigService configs;
    private final CollectConfigCodec codec;
    private final AuditLog audit;

    public CanaryRollout(EtcdKv etcd, CollectConfigService configs, CollectConfigCodec codec, AuditLog audit) {
        this.etcd = etcd;
        this.configs = configs;
        this.codec = codec;
        this.audit = audit;
    }

    /** The canary in progress, or null. */
    public Canary read(String group) {
        String prefix = CanaryKeys.prefix(configs.groupKey(group));
        Map<String, Long> revisions = new LinkedHashMap<>();
        String value = null;
        for (Map.Entry<String, EtcdKv.Versioned> e : etcd.list(prefix).entrySet()) {
            revisions.put(e.getKey().substring(prefix.length()), e.getValue().modRevision());
            value = e.getValue().value();
        }
        return revisions.isEmpty() ? null : new Canary(group, value, revisions);
    }

    /** Puts {@code value} on {@code hosts} only, replacing any canary in progress. */
    public Canary start(String group, String value, List<String> hosts, String user) {
        try {
            codec.parse(value);
        } catch (CollectConfigException e) {
            throw new ApiError(400, "the collect config is not valid", Map.of("problems", e.problems()));
        }
        if (hosts.isEmpty()) {
            throw new ApiError(400, "name at least one canary host");
        }
        String groupKey = configs.groupKey(group);
        Canary before = read(group);
        Map<String, String> puts = new HashMap<>();
        hosts.forEach(ip -> {
            configs.hostKey(ip); // checks the name: it becomes part of a key
            puts.put(CanaryKeys.key(groupKey, ip), value);
        });
        List<String> deletes = new ArrayList<>();
        if (before != null) {
            before.hosts().stream().filter(h -> !hosts.contains(h)).forEach(h -> deletes.add(CanaryKeys.key(groupKey, h)));
        }
        puts.putAll(audit.record(user, CanaryKeys.prefix(groupKey), "canary of " + group + " on " + String.join(", ", hosts),
                before == null ? etcd.get(groupKey).value() : before.value(), value, 0));
        etcd.apply(puts, deletes);
        return read(group);
    }

    /** Moves the canary's value to the group key (compare-and-swap on it) and ends the canary. */
    public CollectConfigService.Config promote(String group, long expectedRevision, String user) {
        Canary canary = require(group);
        String groupKey = configs.groupKey(group);
        EtcdKv.Versioned before = etcd.get(groupKey);
        List<String> deletes = canary.hosts().stream().map(h -> CanaryKeys.key(groupKey, h)).toList();
        EtcdKv.CasResult r = before.modRevision() != expectedRevision
                ? new EtcdKv.CasResult(false, before.modRevision(), before)
                : etcd.compareAndPut(groupKey, expectedRevision, canary.value(),
                        audit.record(user, groupKey, "group (promoted canary)", before.value(), canary.value(),
                                expectedRevision), deletes);
        if (!r.succeeded()) {
            throw new ApiError(409, "the group config was changed by someone else (now at revision "
                    + r.current().modRevision() + ", you promoted over revision " + expectedRevision + ")",
                    Map.of("value", r.current().value(), "revision", r.current().modRevision()));
        }
        return configs.read(groupKey);
    }

    /** Ends the canary: its hosts run the group key's value again. */
    public void rollBack(String group, String user) {
        Canary canary = require(group);
        String groupKey = configs.groupKey(group);
        etcd.apply(audit.record(user, CanaryKeys.prefix(groupKey), "canary of " + group + " rolled back",
                canary.value(), etcd.get(groupKey).value(), 0),
                canary.hosts().stream().map(h -> CanaryKeys.key(groupKey, h)).toList());
    }

    private Canary require(String group) {
        Canary canary = read(group);
        if (canary == null) {
            throw new ApiError(409, "group " + group + " has no canary in progress");
        }
        return canary;
    }
}
