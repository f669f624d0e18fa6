package io.logagent.console.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the engine's query DSL for the console's requests. The user's text goes unchanged into a
 * {@code query_string} (default field {@code message}, AND between terms): Lucene syntax is the feature, and
 * syntax errors are reported by the engine as 400, which we pass on.
 */
final class QueryBuilder {

    private final ObjectMapper mapper;

    QueryBuilder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** {@code bool} of the user's query and the time filter. */
    ObjectNode query(String q, TimeRange range) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode bool = root.putObject("bool");
        if (q != null && !q.isBlank()) {
            ObjectNode qs = bool.putArray("must").addObject().putObject("query_string");
            qs.put("query", q);
            qs.put("default_field", "message");
            qs.put("default_operator", "AND");
            qs.put("analyze_wildcard", true);
        }
        ArrayNode filter = bool.putArray("filter");
        ObjectNode ts = filter.addObject().putObject("range").putObject("@timestamp");
        ts.put("gte", range.from().toEpochMilli());
        ts.put("lte", range.to().toEpochMilli());
        ts.put("format", "epoch_millis");
        return root;
    }

    /** A term filter, added to an existing bool query. */
    void term(ObjectNode query, String field, String value) {
        ((ArrayNode) query.path("bool").path("filter")).addObject().putObject("term").put(field, value);
    }

    /** Newest first; ties (same millisecond) by offset so lines of one file keep their order. */
    ArrayNode newestFirst() {
        ArrayNode sort = mapper.createArrayNode();
        sort.addObject().putObject("@timestamp").put("order", "desc");
        sort.addObject().putObject("offset").put("order", "desc").put("unmapped_type", "long");
        return sort;
    }

    ArrayNode oldestFirst() {
        ArrayNode sort = mapper.createArrayNode();
        sort.addObject().putObject("@timestamp").put("order", "asc");
        sort.addObject().putObject("offset").put("order", "asc").put("unmapped_type", "long");
        return sort;
    }

    ObjectNode search(ObjectNode query, int size) {
        ObjectNode body = mapper.createObjectNode();
        body.put("size", size);
        body.put("track_total_hits", true);
        body.set("query", query);
        return body;
    }
}
