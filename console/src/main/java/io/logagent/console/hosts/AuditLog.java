package io.logagent.console.hosts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logagent.console.etcd.EtcdKv;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Who changed which collect config when, with the value before and after. Records live in etcd under the audit
 * prefix and are written in the same transaction as the change itself, so there is no change without its record.
 * Keys are {@code <prefix><epoch ms, 15 digits>-<random>}: key order is time order.
 */
public final class AuditLog {

    public record Entry(String user, Instant time, String key, String target, String before, String after,
                        long revision) { }

    private final EtcdKv etcd;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final String prefix;

    public AuditLog(EtcdKv etcd, ObjectMapper mapper, Clock clock, String prefix) {
        this.etcd = etcd;
        this.mapper = mapper;
        this.clock = clock;
        this.prefix = prefix;
    }

    /** The (key, value) to put with the change; {@code revision} is the expected one the change replaces. */
    public Map<String, String> record(String user, String key, String target, String before, String after, long revision) {
        Instant now = clock.instant();
        Entry e = new Entry(user, now, key, target, before, after, revision);
        String id = "%015d-%08x".formatted(now.toEpochMilli(), ThreadLocalRandom.current().nextInt());
        try {
            return Map.of(prefix + id, mapper.writeValueAsString(e));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The newest {@code limit} records, newest first; records that are not JSON are skipped (foreign writers). */
    public List<JsonNode> newest(int limit) {
        List<JsonNode> out = new ArrayList<>();
        for (String value : etcd.newest(prefix, Math.max(1, Math.min(limit, 1000)))) {
            try {
                out.add(mapper.readTree(value));
            } catch (JsonProcessingException e) {
                // not ours: an operator's manual put under the prefix must not break the page
            }
        }
        return out;
    }
}
