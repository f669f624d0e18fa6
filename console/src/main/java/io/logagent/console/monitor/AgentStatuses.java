package io.logagent.console.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.logagent.console.etcd.EtcdKv;
import io.logagent.core.status.CollectorStatus;
import io.logagent.core.status.StatusJson;
import io.logagent.core.status.StatusReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The agents' status reports, read with core's {@link StatusJson} (the agent's own writer's counterpart): one leased
 * key per live agent ({@code <status_prefix><ip>}), so a key present means the agent is online and a vanished key
 * means it died or stopped.
 */
public final class AgentStatuses {

    /** @param report null when the key held no readable status; {@code unreadable} says why */
    public record Reported(String ip, StatusReport report, String unreadable) { }

    private final EtcdKv etcd;
    private final StatusJson json;
    private final String prefix;
    private final Optional<StatusCache> cache;

    public AgentStatuses(EtcdKv etcd, StatusJson json, String prefix) {
        this(etcd, json, prefix, Optional.empty());
    }

    /** @param cache read instead of etcd whenever its watch is current (see {@link StatusCache}) */
    public AgentStatuses(EtcdKv etcd, StatusJson json, String prefix, Optional<StatusCache> cache) {
        this.etcd = etcd;
        this.json = json;
        this.prefix = prefix;
        this.cache = cache;
    }

    /** ip → status; an unreadable status is kept (with why) so the host still shows. */
    public Map<String, Reported> read() {
        Optional<Map<String, Reported>> cached = cache.flatMap(StatusCache::current);
        if (cached.isPresent()) {
            return cached.get();
        }
        Map<String, Reported> out = new TreeMap<>();
        etcd.list(prefix).forEach((key, v) -> {
            String ip = key.substring(prefix.length());
            out.put(ip, parse(json, ip, v.value()));
        });
        return out;
    }

    /** One status value as {@link #read()} shows it. */
    public static Reported parse(StatusJson json, String ip, String value) {
        try {
            return new Reported(ip, json.read(value), null);
        } catch (JsonProcessingException e) {
            return new Reported(ip, null, "unreadable status: " + e.getOriginalMessage());
        }
    }

    /** The statuses as the agents wrote them (snake_case), unreadable ones as {@code {host, status_error}}. */
    public String readAsJson() {
        List<Object> all = new ArrayList<>();
        read().values().forEach(r -> all.add(r.report() != null ? r.report() : unreadable(r)));
        return json.write(all);
    }

    private static Map<String, String> unreadable(Reported r) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("host", r.ip());
        m.put("status_error", r.unreadable());
        return m;
    }

    /** Every last_error the agent reports (config, entries, files), prefixed with where it happened. */
    public static List<String> errors(Reported reported) {
        List<String> errors = new ArrayList<>();
        addIfPresent(errors, "status", reported.unreadable());
        StatusReport status = reported.report();
        if (status == null) {
            return errors;
        }
        addIfPresent(errors, "config", status.configError());
        for (CollectorStatus entry : status.entries()) {
            addIfPresent(errors, entry.path(), entry.lastError());
            for (CollectorStatus.FileStatus file : entry.files()) {
                addIfPresent(errors, file.path(), file.lastError());
            }
        }
        return errors;
    }

    private static void addIfPresent(List<String> errors, String where, String error) {
        if (error != null && !error.isBlank()) {
            errors.add(where + ": " + error);
        }
    }
}
