package io.logagent.console.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logagent.console.etcd.EtcdKv;
import io.logagent.core.etcd.EtcdKeyLayout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The evaluator's records in etcd: one state key per rule and a bounded history per rule
 * ({@code alert-history/<name>/<epoch ms, 15 digits>-<n>}: key order is time order). Reads go through {@link EtcdKv};
 * writes are built here and committed by the caller under the evaluator lease.
 */
public final class AlertStore {

    private final EtcdKv etcd;
    private final ObjectMapper mapper;
    private final int historyMax;
    private final AtomicInteger sequence = new AtomicInteger();

    public AlertStore(EtcdKv etcd, ObjectMapper mapper, int historyMax) {
        this.etcd = etcd;
        this.mapper = mapper;
        this.historyMax = historyMax;
    }

    static String stateKey(String rule) {
        return EtcdKeyLayout.ALERT_STATE_PREFIX + rule;
    }

    static String historyPrefix(String rule) {
        return EtcdKeyLayout.ALERT_HISTORY_PREFIX + rule + "/";
    }

    /** Every rule's state by name; an unreadable value reads as the initial state (and is overwritten). */
    public Map<String, AlertState> states() {
        Map<String, AlertState> out = new HashMap<>();
        etcd.list(EtcdKeyLayout.ALERT_STATE_PREFIX).forEach((key, v) -> out.put(
                key.substring(EtcdKeyLayout.ALERT_STATE_PREFIX.length()), parse(v.value())));
        return out;
    }

    public AlertState state(String rule) {
        EtcdKv.Versioned v = etcd.get(stateKey(rule));
        return v.modRevision() == 0 ? AlertState.INITIAL : parse(v.value());
    }

    /** Newest first, at most {@code limit}. */
    public List<HistoryEntry> history(String rule, int limit) {
        List<HistoryEntry> out = new ArrayList<>();
        for (String value : etcd.newest(historyPrefix(rule), Math.max(1, Math.min(limit, historyMax)))) {
            try {
                out.add(mapper.readValue(value, HistoryEntry.class));
            } catch (JsonProcessingException e) {
                // not ours: skipped like foreign audit records
            }
        }
        return out;
    }

    /** The puts for a new state and its history lines, and the deletes that keep the history within its bound. */
    Writes writes(String rule, AlertState state, List<HistoryEntry> added) {
        Map<String, String> puts = new LinkedHashMap<>();
        puts.put(stateKey(rule), json(state));
        List<String> deletes = new ArrayList<>();
        if (!added.isEmpty()) {
            for (HistoryEntry h : added) {
                puts.put(historyPrefix(rule) + "%015d-%06d".formatted(h.time().toEpochMilli(),
                        sequence.incrementAndGet() % 1_000_000), json(h));
            }
            List<String> existing = etcd.keys(historyPrefix(rule));
            int excess = existing.size() + added.size() - historyMax;
            for (int i = 0; i < excess && i < existing.size(); i++) {
                deletes.add(existing.get(i));
            }
        }
        return new Writes(puts, deletes);
    }

    /** The state key and the whole history of a deleted rule. */
    List<String> keysOf(String rule) {
        List<String> keys = new ArrayList<>(etcd.keys(historyPrefix(rule)));
        keys.add(stateKey(rule));
        return keys;
    }

    record Writes(Map<String, String> puts, List<String> deletes) { }

    private AlertState parse(String value) {
        try {
            return mapper.readValue(value, AlertState.class);
        } catch (JsonProcessingException e) {
            return AlertState.INITIAL;
        }
    }

    private String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
