package io.logagent.console.hosts;

import io.logagent.console.config.ConsoleConfig;
import io.logagent.console.etcd.EtcdKv;
import io.logagent.console.web.ApiError;
import io.logagent.core.collect.CollectConfigCodec;
import io.logagent.core.collect.CollectConfigException;
import io.logagent.core.collect.CollectEntry;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads and writes collect configs of hosts and groups in etcd. A write is validated with the agent's own codec
 * (so nothing an agent would refuse is ever stored) and applied with compare-and-swap on the key's mod_revision:
 * two editors who loaded the same revision cannot overwrite each other; the second one gets a conflict with the
 * value that won.
 */
public final class CollectConfigService {

    /** Host IPs (v4/v6) and group names: no '/', so a name can never reach outside its key. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

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
        String template = keys.collectLogKey();
        int at = template.indexOf("%s");
        String prefix = template.substring(0, at);
        String suffix = template.substring(at + 2);
        Map<String, Long> hosts = new TreeMap<>();
        etcd.revisions(prefix).forEach((key, revision) -> {
            if (key.endsWith(suffix) && key.length() > prefix.length() + suffix.length()) {
                String ip = key.substring(prefix.length(), key.length() - suffix.length());
                if (NAME.matcher(ip).matches()) {
                    hosts.put(ip, revision);
                }
            }
        });
        return hosts;
    }

    public TreeSet<String> groups() {
        TreeSet<String> names = new TreeSet<>();
        for (String key : etcd.keys(keys.groupsPrefix())) {
            groupName(key).ifPresent(names::add);
        }
        return names;
    }

    /** The group whose collect-config key {@code key} is, if it is one ({@code <groups_prefix><name>/collect_config}). */
    public Optional<String> groupName(String key) {
        String suffix = "/collect_config";
        if (!key.startsWith(keys.groupsPrefix()) || !key.endsWith(suffix)) {
            return Optional.empty();
        }
        String name = key.substring(keys.groupsPrefix().length(), key.length() - suffix.length());
        return NAME.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }

    /** True for a host's or a group's collect-config key (the keys this console may write). */
    public boolean isConfigKey(String key) {
        if (groupName(key).isPresent()) {
            return true;
        }
        String template = keys.collectLogKey();
        int at = template.indexOf("%s");
        String prefix = template.substring(0, at);
        String suffix = template.substring(at + 2);
        return key.startsWith(prefix) && key.endsWith(suffix) && key.length() > prefix.length() + suffix.length()
                && NAME.matcher(key.substring(prefix.length(), key.length() - suffix.length())).matches();
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
        return key.startsWith(keys.groupsPrefix()) ? "group" : "host";
    }

    private static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ApiError(400, "bad host or group name '" + name + "': 1-128 of [A-Za-z0-9._:-]");
        }
        return name;
    }
}
