package io.logagent.console.patterns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logagent.console.search.SearchBackend;
import io.logagent.core.event.PatternFields;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which ids are one template. A template that generalises gets a new id (a function of its text), and the
 * documents indexed before keep the earlier one; the transfer's store links each earlier id to the next
 * ({@code replaced_by}). This follows the links forward to each id's current template and backward to every
 * earlier id of it, a few rounds of one search each (links are short: a template generalises a handful of times).
 * Without the store (patterns written by an older transfer) every id is its own template.
 */
final class PatternLineage {

    private static final int ROUNDS = 8;
    private static final int MAX_LINKS = 1_000;

    /** @param latest each id → its current id; {@code members} current id → all its ids; {@code text} current texts */
    record Resolved(Map<String, String> latest, Map<String, Set<String>> members, Map<String, String> text) { }

    private final SearchBackend backend;
    private final ObjectMapper mapper;
    private final String storeIndex;

    PatternLineage(SearchBackend backend, ObjectMapper mapper, String alias) {
        this.backend = backend;
        this.mapper = mapper;
        this.storeIndex = PatternFields.storeIndex(alias);
    }

    Resolved resolve(Collection<String> ids) {
        Map<String, JsonNode> stored = new HashMap<>();
        Set<String> frontier = new LinkedHashSet<>(ids);
        for (int round = 0; round < ROUNDS && !frontier.isEmpty(); round++) {
            Set<String> next = new LinkedHashSet<>();
            for (JsonNode hit : search("ids", "values", frontier)) {
                JsonNode source = hit.path("_source");
                stored.put(hit.path("_id").asText(), source);
                String by = source.path(PatternFields.REPLACED_BY).asText("");
                if (!by.isEmpty() && !stored.containsKey(by)) {
                    next.add(by);
                }
            }
            frontier = next;
        }
        Map<String, String> latest = new HashMap<>();
        ids.forEach(id -> latest.put(id, follow(id, stored)));
        Set<String> earlier = new LinkedHashSet<>(latest.values());
        for (int round = 0; round < ROUNDS && !earlier.isEmpty(); round++) {
            Set<String> found = new LinkedHashSet<>();
            for (JsonNode hit : search("terms", PatternFields.REPLACED_BY, earlier)) {
                String id = hit.path("_id").asText();
                if (!stored.containsKey(id)) {
                    stored.put(id, hit.path("_source"));
                    found.add(id);
                }
            }
            found.forEach(id -> latest.put(id, follow(id, stored)));
            earlier = found;
        }
        Map<String, Set<String>> members = new HashMap<>();
        Map<String, String> text = new HashMap<>();
        latest.forEach((id, current) -> {
            members.computeIfAbsent(current, c -> new LinkedHashSet<>(List.of(c))).add(id);
            JsonNode s = stored.get(current);
            if (s != null && s.hasNonNull(PatternFields.PATTERN)) {
                text.put(current, s.path(PatternFields.PATTERN).asText());
            }
        });
        return new Resolved(latest, members, text);
    }

    private static String follow(String id, Map<String, JsonNode> stored) {
        String current = id;
        for (int step = 0; step < ROUNDS * 2; step++) { // a cycle cannot happen (texts only generalise); a guard
            JsonNode s = stored.get(current);
            String by = s == null ? "" : s.path(PatternFields.REPLACED_BY).asText("");
            if (by.isEmpty()) {
                return current;
            }
            current = by;
        }
        return current;
    }

    private List<JsonNode> search(String kind, String field, Collection<String> values) {
        ObjectNode body = mapper.createObjectNode();
        body.put("size", MAX_LINKS);
        ObjectNode query = body.putObject("query").putObject(kind);
        values.forEach(query.putArray(field)::add);
        List<JsonNode> hits = new ArrayList<>();
        backend.post("/" + storeIndex + "/_search?ignore_unavailable=true&allow_no_indices=true", body)
                .path("hits").path("hits").forEach(hits::add);
        return hits;
    }
}
