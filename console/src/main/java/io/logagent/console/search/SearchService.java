package io.logagent.console.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Search, histogram, facets, context and tail over the alias the transfer writes into. */
public final class SearchService {

    /** The most one page may ask for; more lines come page by page ({@link Cursor}), downloads stream them all. */
    public static final int MAX_SIZE = 1_000;
    static final int MAX_CONTEXT = 500;
    static final List<String> FACET_FIELDS = List.of("topic", "host", "path", "level");
    /** The level facet's bucket for lines without a level, so the facet's counts add up to the total. */
    static final String NO_LEVEL = "none";
    private static final long[] NICE_INTERVALS_MS = {1_000, 5_000, 10_000, 30_000, 60_000, 300_000, 600_000,
            1_800_000, 3_600_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000};

    private final SearchBackend backend;
    private final QueryBuilder queries;
    private final ObjectMapper mapper;
    private final String index;

    public SearchService(SearchBackend backend, ObjectMapper mapper, String index) {
        this.backend = backend;
        this.queries = new QueryBuilder(mapper);
        this.mapper = mapper;
        this.index = index;
    }

    /** @param lastSort the last hit's sort values (the paging key), null without hits or sort */
    public record Hits(long total, List<JsonNode> hits, JsonNode lastSort) {
        public Hits(long total, List<JsonNode> hits) {
            this(total, hits, null);
        }
    }

    /**
     * One page of hits with the search terms' positions in each message ({@code _highlight}).
     *
     * @param size        1..{@link #MAX_SIZE}
     * @param newestFirst false = oldest first
     * @param after       the previous page's last sort values, null for the first page
     */
    public record Page(int size, boolean newestFirst, JsonNode after) {
        public Page {
            checkSize(size);
        }
    }

    /** @throws IllegalArgumentException (a 400) for a size outside 1..{@link #MAX_SIZE}: never cut silently */
    public static int checkSize(int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("'size' must be 1.." + MAX_SIZE + ", got " + size
                    + "; further lines come page by page with 'after'");
        }
        return size;
    }

    public Hits search(String q, TimeRange range, Page page) {
        ObjectNode body = queries.search(queries.query(q, range), page.size());
        body.set("sort", queries.pagingSort(page.newestFirst()));
        if (page.after() != null) {
            body.set("search_after", page.after());
        }
        if (q != null && !q.isBlank()) {
            Highlights.request(body);
        }
        return hits(backend.post(searchPath(), body));
    }

    /** The cursor for the page after {@code hits}, or null when {@code hits} was the last page. */
    public String next(Hits hits, Page page, TimeRange range) {
        if (hits.hits().size() < page.size() || hits.lastSort() == null) {
            return null;
        }
        return new Cursor(range, page.newestFirst(), hits.lastSort()).encode(mapper);
    }

    /** @throws IllegalArgumentException (a 400) when {@code text} is not a cursor from {@link #next} */
    public Cursor cursor(String text) {
        return Cursor.decode(text, mapper);
    }

    /** Lines after {@code after} (epoch ms, exclusive), oldest first: the live tail's next page. */
    public Hits tail(String q, Instant after, Instant now, int size) {
        ObjectNode query = queries.query(q, new TimeRange(after.isAfter(now) ? now : after, now));
        // No upper bound: an agent whose clock runs ahead must still show up in the tail.
        ObjectNode ts = (ObjectNode) query.path("bool").path("filter").path(0).path("range").path("@timestamp");
        ts.remove(List.of("gte", "lte"));
        ts.put("gt", after.toEpochMilli());
        ObjectNode body = queries.search(query, checkSize(size));
        body.set("sort", queries.oldestFirst());
        return hits(backend.post(searchPath(), body));
    }

    /** {@code n} lines before and after {@code offset} in one file of one host, in file order. */
    public List<JsonNode> context(String host, String path, String fileId, long offset, int n) {
        if (n < 1 || n > MAX_CONTEXT) {
            throw new IllegalArgumentException("'n' must be 1.." + MAX_CONTEXT + ", got " + n);
        }
        int count = n;
        List<JsonNode> before = contextSide(host, path, fileId, offset, count, true);
        List<JsonNode> after = contextSide(host, path, fileId, offset, count + 1, false);
        List<JsonNode> lines = new ArrayList<>(before.reversed());
        lines.addAll(after);
        return lines;
    }

    private List<JsonNode> contextSide(String host, String path, String fileId, long offset, int size, boolean before) {
        ObjectNode query = mapper.createObjectNode();
        ArrayNode filter = query.putObject("bool").putArray("filter");
        filter.addObject().putObject("term").put("host", host);
        filter.addObject().putObject("term").put("path", path);
        if (fileId != null && !fileId.isBlank()) {
            filter.addObject().putObject("term").put("file_id", fileId);
        }
        filter.addObject().putObject("range").putObject("offset").put(before ? "lt" : "gte", offset);
        ObjectNode body = queries.search(query, size);
        body.putArray("sort").addObject().putObject("offset").put("order", before ? "desc" : "asc");
        return hits(backend.post(searchPath(), body)).hits();
    }

    public record Bucket(long time, long total, Map<String, Long> levels) { }

    public record Histogram(long intervalMs, List<Bucket> buckets) { }

    /** Counts per time bucket and level; about 60 buckets whatever the range, with empty buckets kept. */
    public Histogram histogram(String q, TimeRange range) {
        long interval = interval(range.length());
        ObjectNode body = queries.search(queries.query(q, range), 0);
        ObjectNode dh = body.putObject("aggs").putObject("t").putObject("date_histogram");
        dh.put("field", "@timestamp").put("fixed_interval", interval + "ms").put("min_doc_count", 0);
        dh.putObject("extended_bounds").put("min", range.from().toEpochMilli()).put("max", range.to().toEpochMilli());
        ((ObjectNode) body.path("aggs").path("t")).putObject("aggs").putObject("level").putObject("terms")
                .put("field", "level").put("size", 10).put("missing", NO_LEVEL);
        List<Bucket> buckets = new ArrayList<>();
        for (JsonNode b : backend.post(searchPath(), body).path("aggregations").path("t").path("buckets")) {
            Map<String, Long> levels = new LinkedHashMap<>();
            b.path("level").path("buckets").forEach(l -> levels.put(l.path("key").asText(), l.path("doc_count").asLong()));
            buckets.add(new Bucket(b.path("key").asLong(), b.path("doc_count").asLong(), levels));
        }
        return new Histogram(interval, buckets);
    }

    public record Facet(String value, long count) { }

    /** The top values of topic, host, path and level among the matching lines. */
    public Map<String, List<Facet>> facets(String q, TimeRange range) {
        ObjectNode body = queries.search(queries.query(q, range), 0);
        ObjectNode aggs = body.putObject("aggs");
        FACET_FIELDS.forEach(f -> aggs.putObject(f).putObject("terms").put("field", f).put("size", 10));
        ((ObjectNode) aggs.path("level").path("terms")).put("missing", NO_LEVEL);
        JsonNode result = backend.post(searchPath(), body).path("aggregations");
        Map<String, List<Facet>> facets = new LinkedHashMap<>();
        for (String f : FACET_FIELDS) {
            List<Facet> values = new ArrayList<>();
            result.path(f).path("buckets").forEach(b -> values.add(new Facet(b.path("key").asText(), b.path("doc_count").asLong())));
            facets.put(f, values);
        }
        return facets;
    }

    static long interval(Duration range) {
        long target = Math.max(1, range.toMillis() / 60);
        for (long nice : NICE_INTERVALS_MS) {
            if (nice >= target) {
                return nice;
            }
        }
        return (target / 86_400_000 + 1) * 86_400_000;
    }

    /** A missing alias (nothing indexed yet) is an empty result, not an error. */
    private String searchPath() {
        return "/" + index + "/_search?ignore_unavailable=true&allow_no_indices=true";
    }

    private Hits hits(JsonNode response) {
        JsonNode hits = response.path("hits");
        List<JsonNode> docs = new ArrayList<>();
        JsonNode lastSort = null;
        for (JsonNode h : hits.path("hits")) {
            lastSort = h.path("sort").isArray() ? h.path("sort") : null;
            ObjectNode doc = h.path("_source").isObject() ? ((ObjectNode) h.path("_source")).deepCopy() : mapper.createObjectNode();
            doc.put("_id", h.path("_id").asText());
            doc.put("_index", h.path("_index").asText());
            Highlights.attach(h, doc);
            docs.add(doc);
        }
        JsonNode total = hits.path("total");
        return new Hits(total.isNumber() ? total.asLong() : total.path("value").asLong(), docs, lastSort);
    }
}
