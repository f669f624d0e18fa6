package io.logagent.console.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logagent.console.web.ApiError;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Top values of any keyword field of the index (not only the fixed topic/host/path/level list): the fields are read
 * from the mapping of every index behind the alias (fixed ones, {@code fields.*} and JSON keys the transfer mapped as
 * keywords, keyword sub-fields), so a field only one day's index has is offered too.
 */
public final class FieldFacets {

    public static final int MAX_SIZE = 100;

    /**
     * @param other lines of the query whose value is none of those listed ({@code sum_other_doc_count}): nothing is
     *              hidden without saying so
     * @param missing lines of the query without the field
     */
    public record TopValues(String field, List<SearchService.Facet> values, long other, long missing) { }

    private final SearchBackend backend;
    private final QueryBuilder queries;
    private final String index;

    public FieldFacets(SearchBackend backend, ObjectMapper mapper, String index) {
        this.backend = backend;
        this.queries = new QueryBuilder(mapper);
        this.index = index;
    }

    /** Every keyword field in the mapping, sorted; empty before anything was indexed. */
    public List<String> keywordFields() {
        JsonNode mappings = backend.get("/" + index + "/_mapping?ignore_unavailable=true&allow_no_indices=true");
        TreeSet<String> fields = new TreeSet<>();
        mappings.forEach(ix -> collect(ix.path("mappings").path("properties"), "", fields));
        return List.copyOf(fields);
    }

    private static void collect(JsonNode properties, String prefix, TreeSet<String> out) {
        for (Map.Entry<String, JsonNode> p : properties.properties()) {
            String path = prefix + p.getKey();
            JsonNode def = p.getValue();
            if ("keyword".equals(def.path("type").asText())) {
                out.add(path);
            }
            def.path("fields").properties().forEach(sub -> {
                if ("keyword".equals(sub.getValue().path("type").asText())) {
                    out.add(path + "." + sub.getKey());
                }
            });
            collect(def.path("properties"), path + ".", out);
        }
    }

    /** @throws ApiError 400 for a field that is not a keyword field of the index, or a size outside 1..100 */
    public TopValues top(String field, String q, TimeRange range, int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw new ApiError(400, "size must be 1.." + MAX_SIZE + ", was " + size);
        }
        List<String> known = keywordFields();
        if (field == null || !known.contains(field)) {
            throw new ApiError(400, "'" + field + "' is not a keyword field of index " + index + "; keyword fields: "
                    + String.join(", ", known));
        }
        ObjectNode body = queries.search(queries.query(q, range), 0);
        ObjectNode aggs = body.putObject("aggs");
        aggs.putObject("top").putObject("terms").put("field", field).put("size", size);
        aggs.putObject("missing").putObject("missing").put("field", field);
        JsonNode result = backend.post("/" + index + "/_search?ignore_unavailable=true&allow_no_indices=true", body)
                .path("aggregations");
        List<SearchService.Facet> values = new ArrayList<>();
        result.path("top").path("buckets").forEach(b -> values.add(
                new SearchService.Facet(b.path("key").asText(), b.path("doc_count").asLong())));
        return new TopValues(field, values, result.path("top").path("sum_other_doc_count").asLong(),
                result.path("missing").path("doc_count").asLong());
    }
}
