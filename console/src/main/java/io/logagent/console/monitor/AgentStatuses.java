package io.logagent.console.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logagent.console.etcd.EtcdKv;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The agents' status reports: one leased key per live agent ({@code <status_prefix><ip>}), so a key present means
 * the agent is online and a vanished key means it died or stopped.
 */
public final class AgentStatuses {

    private final EtcdKv etcd;
    private final ObjectMapper mapper;
    private final String prefix;

    public AgentStatuses(EtcdKv etcd, ObjectMapper mapper, String prefix) {
        this.etcd = etcd;
        this.mapper = mapper;
        this.prefix = prefix;
    }

    /** ip → status JSON; an unparsable status is kept as {@code {"status_error": …}} so the host still shows. */
    public Map<String, JsonNode> read() {
        Map<String, JsonNode> out = new TreeMap<>();
        etcd.list(prefix).forEach((key, v) -> {
            String ip = key.substring(prefix.length());
            try {
                out.put(ip, mapper.readTree(v.value()));
            } catch (JsonProcessingException e) {
                ObjectNode bad = mapper.createObjectNode();
                bad.put("host", ip);
                bad.put("status_error", "unreadable status: " + e.getOriginalMessage());
                out.put(ip, bad);
            }
        });
        return out;
    }

    /** Every last_error the agent reports (config, entries, files), prefixed with where it happened. */
    public static List<String> errors(JsonNode status) {
        List<String> errors = new ArrayList<>();
        addIfPresent(errors, "config", status.path("config_error"));
        addIfPresent(errors, "status", status.path("status_error"));
        for (JsonNode entry : status.path("entries")) {
            addIfPresent(errors, entry.path("path").asText(), entry.path("last_error"));
            for (JsonNode file : entry.path("files")) {
                addIfPresent(errors, file.path("path").asText(), file.path("last_error"));
            }
        }
        return errors;
    }

    private static void addIfPresent(List<String> errors, String where, JsonNode error) {
        if (error.isTextual() && !error.asText().isBlank()) {
            errors.add(where + ": " + error.asText());
        }
    }
}
