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
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The log patterns of a query and range: the templates the transfer gave the matching lines ({@code pattern_id}),
 * by count, each with a sparkline over the range and whether it is new, i.e. its first line ever (any query, any
 * time) lies inside the range. A terms aggregation on {@code pattern_id} under the query and range; the ids that
 * are one template (an earlier id and the one it generalised into, {@link PatternLineage}) counted as one; then
 * the earliest {@code @timestamp} of all those ids over all time.
 */
public final class PatternService {

    public static final int MAX_SIZE = 500;
    /** Points of each sparkline, whatever the range. */
    static final int SPARK_POINTS = 30;

    private final SearchBackend backend;
    private final QueryBuilder queries;
    private final ObjectMapper mapper;
    private final String index;
    private final PatternLineage lineage;

    public PatternService(SearchBackend backend, ObjectMapper mapper, String index) {
        this.lineage = new PatternLineage(backend, mapper, index);
        this.backend = backend;
        this.queries = new QueryBuilder(mapper);
        this.mapper = mapper;
        this.index = index;
    }

    /**
     * @param id        the template's current id
     * @param ids       every id it had (the current one first): documents carry the id of the moment they were
     *                  indexed, so a search for the template is {@code pattern_id:(…)} over all of them
     * @param firstSeen the earliest line of this pattern in the whole index
     * @param isNew     {@code firstSeen} is inside the range
     * @param spark     lines per point of {@code intervalMs}, about {@link #SPARK_POINTS} from the range's start
     */
    public record Pattern(String id, List<String> ids, String pattern, String topic, long count, Instant firstSeen,
                          boolean isNew, List<Long> spark) { }

    private static final class Merged {
        final String text;
        final String topic;
        final List<Long> spark = new ArrayList<>();
        long count;

        Merged(String text, String topic) {
            this.text = text;
            this.topic = topic;
        }
    }

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
        PatternLineage.Resolved lineage = this.lineage.resolve(ids);
        Set<String> every = new LinkedHashSet<>();
        ids.forEach(id -> every.addAll(lineage.members().get(lineage.latest().get(id))));
        Map<String, Instant> first = firstSeen(every);
        Map<String, Merged> merged = new LinkedHashMap<>();
        for (JsonNode b : buckets) {
            String current = lineage.latest().get(b.path("key").asText());
            JsonNode source = b.path("sample").path("hits").path("hits").path(0).path("_source");
            Merged m = merged.computeIfAbsent(current, c -> new Merged(
                    lineage.text().getOrDefault(c, source.path(PatternFields.PATTERN).asText("")),
                    source.path("topic").asText("")));
            m.count += b.path("doc_count").asLong();
            int i = 0;
            for (JsonNode point : b.path("t").path("buckets")) {
                if (i < m.spark.size()) {
                    m.spark.set(i, m.spark.get(i) + point.path("doc_count").asLong());
                } else {
                    m.spark.add(point.path("doc_count").asLong());
                }
                i++;
            }
        }
        List<Pattern> patterns = new ArrayList<>();
        merged.forEach((current, m) -> {
            List<String> members = List.copyOf(lineage.members().get(current));
            Instant seen = members.stream().map(first::get).filter(Objects::nonNull).min(Comparator.naturalOrder())
                    .orElse(null);
            patterns.add(new Pattern(current, members, m.text, m.topic, m.count, seen,
                    seen != null && !seen.isBefore(range.from()), m.spark));
        });
        patterns.sort(Comparator.comparingLong(Pattern::count).reversed());
        JsonNode total = result.path("hits").path("total");
        return new Patterns(total.isNumber() ? total.asLong() : total.path("value").asLong(),
                result.path("aggregations").path("none").path("doc_count").asLong(),
                result.path("aggregations").path("p").path("sum_other_doc_count").asLong(), interval, patterns);
    }

    /** The earliest line of each id over all time and every query: a pattern is new when that is in the range. */
    private Map<String, Instant> firstSeen(Collection<String> ids) {
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
