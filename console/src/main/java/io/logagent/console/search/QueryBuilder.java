package io.logagent.console.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the engine's query DSL for the console's requests. The user's text goes into a {@code query_string}
 * (default field {@code message}, AND between terms): Lucene syntax is the feature, and syntax errors are reported
 * by the engine as 400, which we pass on in one line ({@link QueryError}). One rewrite: values of {@code level:} are
 * upper-cased, because the transfer stores levels upper case and a keyword field is matched exactly, so
 * {@code level:error} finds ERROR.
 */
public final class QueryBuilder {

    private final ObjectMapper mapper;

    public QueryBuilder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** {@code bool} of the user's query and the time filter. */
    public ObjectNode query(String q, TimeRange range) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode bool = root.putObject("bool");
        if (q != null && !q.isBlank()) {
            ObjectNode qs = bool.putArray("must").addObject().putObject("query_string");
            qs.put("query", levelsUpperCase(q));
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

    /** {@code level:} followed by a bare or quoted value, not inside a quoted phrase (an even number of quotes before). */
    private static final Pattern LEVEL = Pattern.compile("(?<![\\w.])(level:)(\"[^\"]*\"|[^\\s()\"\\[\\]{}]+)");

    static String levelsUpperCase(String q) {
        Matcher m = LEVEL.matcher(q);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            boolean inPhrase = q.substring(0, m.start()).chars().filter(c -> c == '"').count() % 2 == 1;
            String value = inPhrase ? m.group(2) : m.group(2).toUpperCase(Locale.ROOT);
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A term filter, added to an existing bool query. */
    void term(ObjectNode query, String field, String value) {
        ((ArrayNode) query.path("bool").path("filter")).addObject().putObject("term").put(field, value);
    }

    /** Oldest first, ties by offset: the live tail's order. */
    ArrayNode oldestFirst() {
        ArrayNode sort = mapper.createArrayNode();
        sort.addObject().putObject("@timestamp").put("order", "asc");
        sort.addObject().putObject("offset").put("order", "asc").put("unmapped_type", "long");
        return sort;
    }

    /**
     * The search results' order, also the paging key: time, then fields that together name one line (a line is one
     * offset of one file of one host), so every hit has its own place and {@code search_after} the last hit's sort
     * values neither repeats nor skips a line. {@code _id} is not sortable by default in OpenSearch 3, and a
     * point-in-time is not needed: the range's upper bound is fixed by the cursor.
     */
    ArrayNode pagingSort(boolean newestFirst) {
        return pagingSort(newestFirst, true);
    }

    /**
     * @param keywords false for indices the transfer did not create, where host and path may be text fields (not
     *                 sortable): time and offset only, so lines of one millisecond and offset may page in any order
     */
    ArrayNode pagingSort(boolean newestFirst, boolean keywords) {
        String order = newestFirst ? "desc" : "asc";
        ArrayNode sort = mapper.createArrayNode();
        sort.addObject().putObject("@timestamp").put("order", order);
        sort.addObject().putObject("offset").put("order", order).put("unmapped_type", "long");
        if (keywords) {
            for (String keyword : new String[]{"host", "path", "file_id"}) {
                sort.addObject().putObject(keyword).put("order", order).put("unmapped_type", "keyword");
            }
        }
        return sort;
    }

    /** The number of sort values {@link #pagingSort(boolean, boolean)} without keywords gives. */
    static final int SHORT_SORT = 2;

    public ObjectNode search(ObjectNode query, int size) {
        ObjectNode body = mapper.createObjectNode();
        body.put("size", size);
        body.put("track_total_hits", true);
        body.set("query", query);
        return body;
    }
}
