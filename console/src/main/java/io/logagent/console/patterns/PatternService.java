package io.logagent.console.patterns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logagent.console.search.QueryBuilder;
import io.logagent.console.search.SearchBackend;
import io.logagent.console.search.TimeRange;
import io.logagent.core.event.PatternFields;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The log patterns of a query and range: the templates the transfer gave the matching lines ({@code pattern_id}),
 * by count, each with a sparkline over the range and whether it is new, i.e. its first line ever (any query, any
 * time) lies inside the range. Two searches: a terms aggregation on {@code pattern_id} under the query and range,
 * then the earliest {@code @timestamp} of those ids over all time.
 */
public final class PatternService {

    public static final int MAX_SIZE = 500;
    /** Points of each sparkline, whatever the range. */
    static final int SPARK_POINTS = 30;

    private final SearchBackend backend;
    private final QueryBuilder queries;
    private final ObjectMapper mapper;
    private final String index;

    public PatternService(SearchBackend backend, ObjectMapper mapper, String index) {
        this.backend = backend;
        this.queries = new QueryBuilder(mapper);
        this.mapper = mapper;
        this.index = index;
    }

    /**
     * @param firstSeen the earliest line of this pattern in the whole index
     * @param isNew     {@code firstSeen} is inside the range
     * @param spark     lines per point of {@code intervalMs}, about {@link #SPARK_POINTS} from the range's start
     */
    public record Pattern(String id, String pattern, String topic, long count, Instant firstSeen, boolean isNew,
                          List<Long> spark) { }

    /**
     * @param lines          lines matching the query in the range
     * @param withoutPattern of those, lines without a pattern (indexed with [transfer] patterns=false, or before)
     * @param others         lines of patterns beyond the {@code size} shown
     */
    public record Patterns(long lines, long withoutPattern, long others, long intervalMs, List<Pattern> patterns) { }

    public Patterns patterns(String q, TimeRange range, int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("'size' must be 1.." + MAX_SIZE + ", got " + size);
        }
        long interval = Math.max(1000, (range.length().toMillis() + SPARK_POINTS - 1) / SPARK_POINTS);
        ObjectNode body = queries.search(queries.query(q, range), 0);
        ObjectNode aggs = body.putObject("aggs");
        aggs.putObject("none").putObject("missing").put("field", PatternFields.PATTERN_ID);
        ObjectNode terms = aggs.putObject("p");
        terms.putObject("terms").put("field", PatternFields.PATTERN_ID).put("size", size);
        ObjectNode sub = terms.putObject("aggs");
        ObjectNode dh = sub.putObject("t").putObject("date_histogram");
        dh.put("field", "@timestamp").put("fixed_interval", interval + "ms").put("min_doc_count", 0)
                .put("offset", Math.floorMod(range.from().toEpochMilli(), interval) + "ms");
        dh.putObject("extended_bounds").put("min", range.from().toEpochMilli()).put("max", range.to().toEpochMilli());
        ObjectNode sample = sub.putObject("sample").putObject("top_hits").put("size", 1);
        sample.putArray("_source").add(PatternFields.PATTERN).add("topic");
        JsonNode result = backend.post(searchPath(), body);
        JsonNode buckets = result.path("aggregations").path("p").path("buckets");

        List<String> ids = new ArrayList<>();
        buckets.forEach(b -> ids.add(b.path("key").asText()));
        Map<String, Instant> first = firstSeen(ids);
        List<Pattern> patterns = new ArrayList<>();
        for (JsonNode b : buckets) {
            String id = b.path("key").asText();
            JsonNode source = b.path("sample").path("hits").path("hits").path(0).path("_source");
            List<Long> spark = new ArrayList<>();
            b.path("t").path("buckets").forEach(point -> spark.add(point.path("doc_count").asLong()));
            Instant seen = first.get(id);
            patterns.add(new Pattern(id, source.path(PatternFields.PATTERN).asText(""), source.path("topic").asText(""),
                    b.path("doc_count").asLong(), seen, seen != null && !seen.isBefore(range.from()), spark));
        }
        JsonNode total = result.path("hits").path("total");
        return new Patterns(total.isNumber() ? total.asLong() : total.path("value").asLong(),
                result.path("aggregations").path("none").path("doc_count").asLong(),
                result.path("aggregations").path("p").path("sum_other_doc_count").asLong(), interval, patterns);
    }

    /** The earliest line of each id over all time and every query: a pattern is new when that is in the range. */
    private Map<String, Instant> firstSeen(List<String> ids) {
        Map<String, Instant> first = new HashMap<>();
        if (ids.isEmpty()) {
            return first;
        }
        ObjectNode body = mapper.createObjectNode();
        body.put("size", 0);
        ids.forEach(body.putObject("query").putObject("terms").putArray(PatternFields.PATTERN_ID)::add);
        ObjectNode terms = body.putObject("aggs").putObject("p");
        terms.putObject("terms").put("field", PatternFields.PATTERN_ID).put("size", ids.size());
        terms.putObject("aggs").putObject("first").putObject("min").put("field", "@timestamp");
        for (JsonNode b : backend.post(searchPath(), body).path("aggregations").path("p").path("buckets")) {
            JsonNode min = b.path("first").path("value");
            if (min.isNumber()) {
                first.put(b.path("key").asText(), Instant.ofEpochMilli(min.asLong()));
            }
        }
        return first;
    }

    private String searchPath() {
        return "/" + index + "/_search?ignore_unavailable=true&allow_no_indices=true";
    }
}
