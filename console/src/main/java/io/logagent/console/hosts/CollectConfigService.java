package io.logagent.console.hosts;

import io.logagent.console.config.ConsoleConfig;
import io.logagent.console.etcd.EtcdKv;
import io.logagent.console.web.ApiError;
import io.logagent.core.collect.CollectConfigCodec;
import io.logagent.core.collect.CollectConfigException;
import io.logagent.core.collect.CollectEntry;
import io.logagent.core.etcd.EtcdKeyLayout;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads and writes collect configs of hosts and groups in etcd. A write is validated with the agent's own codec
 * (so nothing an agent would refuse is ever stored) and applied with compare-and-swap on the key's mod_revision:
 * two editors who loaded the same revision cannot overwrite each other; the second one gets a conflict with the
 * value that won.
 */
public final class CollectConfigService {

    public record Config(String key, String value, long revision, List<CollectEntry> entries, List<String> problems) { }

    private final EtcdKv etcd;
    private final CollectConfigCodec codec;
    private final AuditLog audit;
    private final ConsoleConfig.Etcd keys;
    private final MeterRegistry metrics;

    public CollectConfigService(EtcdKv etcd, CollectConfigCodec codec, AuditLog audit, ConsoleConfig.Etcd keys,
                                MeterRegistry metrics) {
        this.etcd = etcd;
        this.codec = codec;
        this.audit = audit;
        this.keys = keys;
        this.metrics = metrics;
    }

    public String hostKey(String ip) {
        return keys.hostKey(checkName(ip));
    }

    public String groupKey(String name) {
        return keys.groupKey(checkName(name));
    }

    /** Host IP → mod_revision of its collect config key: one etcd request, whatever the number of hosts. */
    public Map<String, Long> configuredHostRevisions() {
        Map<String, Long> hosts = new TreeMap<>();
        etcd.revisions(keys.keys().hostPrefix()).forEach((key, revision) -> keys.keys().parse(key)
                .filter(k -> k.kind() == EtcdKeyLayout.Kind.HOST).ifPresent(k -> hosts.put(k.name(), revision)));
        return hosts;
    }

    /** Group name → mod_revision of its collect config key, in one request without values. */
    public Map<String, Long> groupRevisions() {
        Map<String, Long> groups = new TreeMap<>();
        etcd.revisions(keys.keys().groupPrefix()).forEach((key, revision) -> keys.keys().parse(key)
                .filter(k -> k.kind() == EtcdKeyLayout.Kind.GROUP).ifPresent(k -> groups.put(k.name(), revision)));
        return groups;
    }

    public TreeSet<String> groups() {
        return names(keys.keys().groupPrefix(), EtcdKeyLayout.Kind.GROUP);
    }

    /** The group whose collect-config key {@code key} is, if it is one. */
    public Optional<String> groupName(String key) {
        return keys.keys().parse(key).filter(k -> k.kind() == EtcdKeyLayout.Kind.GROUP)
                .map(EtcdKeyLayout.CollectKey::name);
    }

    private TreeSet<String> names(String prefix, EtcdKeyLayout.Kind kind) {
        TreeSet<String> names = new TreeSet<>();
        for (String key : etcd.keys(prefix)) {
            keys.keys().parse(key).filter(k -> k.kind() == kind).ifPresent(k -> names.add(k.name()));
        }
        return names;
    }

    /** True for a host's or a group's collect-config key (the keys this console may write). */
    public boolean isConfigKey(String key) {
        return keys.keys().parse(key).isPresent();
    }

    /** The stored config; a stored value the codec refuses is still shown, with its problems. */
    public Config read(String key) {
        EtcdKv.Versioned v = etcd.get(key);
        try {
            return new Config(key, v.value(), v.modRevision(), codec.parse(v.value()), List.of());
        } catch (CollectConfigException e) {
            return new Config(key, v.value(), v.modRevision(), List.of(), e.problems());
        }
    }

    /**
     * Validates and writes {@code value} if {@code key} is still at {@code expectedRevision}.
     *
     * @throws ApiError 400 with {@code problems} when invalid, 409 with the current value and revision on conflict
     */
    public Config write(String key, String value, long expectedRevision, String user) {
        List<CollectEntry> entries;
        try {
            entries = codec.parse(value);
        } catch (CollectConfigException e) {
            metrics.counter("console.config.writes", "result", "invalid").increment();
            throw new ApiError(400, "the collect config is not valid", Map.of("problems", e.problems()));
        }
        EtcdKv.Versioned before = etcd.get(key);
        EtcdKv.CasResult result = before.modRevision() != expectedRevision
                ? new EtcdKv.CasResult(false, before.modRevision(), before)
                : etcd.compareAndPut(key, expectedRevision, value,
                        audit.record(user, key, target(key), before.value(), value, expectedRevision));
        if (!result.succeeded()) {
            metrics.counter("console.config.writes", "result", "conflict").increment();
            throw new ApiError(409, "the config was changed by someone else (now at revision "
                    + result.current().modRevision() + ", you edited revision " + expectedRevision + ")",
                    Map.of("value", result.current().value(), "revision", result.current().modRevision()));
        }
        metrics.counter("console.config.writes", "result", "ok").increment();
        return new Config(key, value, result.revision(), entries, List.of());
    }

    private String target(String key) {
        return groupName(key).isPresent() ? "group" : "host";
    }

    private static String checkName(String name) {
        if (!EtcdKeyLayout.isValidName(name)) {
            throw new ApiError(400, "bad host or group name '" + name + "': 1-128 of [A-Za-z0-9._:-]");
        }
        return name;
    }
}
