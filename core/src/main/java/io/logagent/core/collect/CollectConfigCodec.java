package io.logagent.core.collect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logagent.core.collect.CollectEntry.RecordKey;
import io.logagent.core.collect.CollectEntry.StartPosition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes the collect config stored in etcd: the seed's JSON list of {@code {"path","topic"}} objects,
 * plus our optional fields. The agent and the console validate with this same code, so the console can never
 * save what an agent would refuse. A config is accepted or refused as a whole, with every problem listed.
 */
public final class CollectConfigCodec {


    private final ObjectMapper mapper;

    public CollectConfigCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public CollectConfigCodec() {
        this(new ObjectMapper());
    }

    /** Parses and validates; an empty or blank value means "collect nothing". */
    public List<CollectEntry> parse(String json) throws CollectConfigException {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CollectConfigException(List.of("invalid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
        }
        if (root == null || root.isNull()) {
            return List.of();
        }
        if (!root.isArray()) {
            throw new CollectConfigException(List.of("expected a JSON list of {\"path\":…,\"topic\":…} objects, got "
                    + root.getNodeType().name().toLowerCase()));
        }
        List<String> problems = new ArrayList<>();
        List<CollectEntry> entries = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < root.size(); i++) {
            CollectEntryReader reader = new CollectEntryReader(root.get(i), "entry " + (i + 1), problems);
            CollectEntry entry = reader.read();
            if (entry != null && !ids.add(entry.id())) {
                problems.add("entry " + (i + 1) + ": duplicate of an earlier entry (" + entry.id() + ")");
            } else if (entry != null) {
                entries.add(entry);
            }
        }
        if (!problems.isEmpty()) {
            throw new CollectConfigException(problems);
        }
        return List.copyOf(entries);
    }

    /** Writes entries back as JSON, leaving out fields at their defaults so seed-style configs stay seed-style. */
    public String write(List<CollectEntry> entries) {
        ArrayNode array = mapper.createArrayNode();
        for (CollectEntry e : entries) {
            ObjectNode o = array.addObject();
            o.put("path", e.path());
            o.put("topic", e.topic());
            if (e.module() != null) {
                o.put("module", e.module());
            }
            if (e.from() != StartPosition.END) {
                o.put("from", e.from().name().toLowerCase());
            }
            CollectEntry.Multiline preset = e.multiline() == null || e.multiline().preset() == null ? null
                    : CollectEntry.Multiline.preset(e.multiline().preset());
            if (preset != null && preset.equals(e.multiline())) {
                o.put("multiline", preset.preset());
            } else if (e.multiline() != null) {
                ObjectNode m = o.putObject("multiline");
                if (e.multiline().preset() != null) {
                    m.put("preset", e.multiline().preset());
                } else {
                    m.put("pattern", e.multiline().startPattern());
                }
                m.put("max_lines", e.multiline().maxLines());
                m.put("max_bytes", e.multiline().maxBytes());
                m.put("timeout_ms", e.multiline().flushTimeoutMs());
            }
            if (!e.fields().isEmpty()) {
                ObjectNode f = o.putObject("fields");
                e.fields().forEach(f::put);
            }
            putList(o, "include_lines", e.includeLines());
            putList(o, "exclude_lines", e.excludeLines());
            putList(o, "exclude_files", e.excludeFiles());
            if (e.rateLimit() > 0) {
                o.put("rate_limit", e.rateLimit());
            }
            if (e.key().kind() != RecordKey.Kind.NONE) {
                o.put("key", e.key().toJson());
            }
            if (e.timeZone() != null) {
                o.put("time_zone", e.timeZone());
            }
            if (e.timestamp() != null) {
                ObjectNode t = o.putObject("timestamp");
                t.put("pattern", e.timestamp().pattern());
                if (e.timestamp().regex() != null) {
                    t.put("regex", e.timestamp().regex());
                }
            }
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putList(ObjectNode o, String name, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode a = o.putArray(name);
            values.forEach(a::add);
        }
    }
}
