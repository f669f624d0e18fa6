package io.logagent.console.search;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.function.Function;
import java.util.stream.StreamSupport;

/**
 * Reads the console's search API answers the same way for the tests against OpenSearch ({@link SearchApiTest}) and
 * Elasticsearch ({@link SearchElasticsearchTest}).
 */
final class SearchAnswers {

    private SearchAnswers() {
    }

    /** The messages of an {@code /api/search} or {@code /api/tail} answer's hits, in the order given. */
    static List<String> messages(JsonNode result) {
        return hitTexts(result, "message");
    }

    /** The {@code @timestamp}s of an {@code /api/search} answer's hits, in the order given. */
    static List<String> timestamps(JsonNode result) {
        return hitTexts(result, "@timestamp");
    }

    /** The offsets of an {@code /api/context} answer's lines, in the order given. */
    static List<Long> offsets(JsonNode context) {
        return StreamSupport.stream(context.path("lines").spliterator(), false).map(l -> l.path("offset").asLong()).toList();
    }

    /** Lines counted over all buckets of an {@code /api/histogram} answer. */
    static long histogramTotal(JsonNode histogram) {
        return sumOverBuckets(histogram, b -> b.path("total"));
    }

    /** Lines of {@code level} counted over all buckets of an {@code /api/histogram} answer. */
    static long histogramLevel(JsonNode histogram, String level) {
        return sumOverBuckets(histogram, b -> b.path("levels").path(level));
    }

    private static List<String> hitTexts(JsonNode result, String field) {
        return StreamSupport.stream(result.path("hits").spliterator(), false).map(h -> h.path(field).asText()).toList();
    }

    private static long sumOverBuckets(JsonNode histogram, Function<JsonNode, JsonNode> count) {
        long sum = 0;
        for (JsonNode bucket : histogram.path("buckets")) {
            sum += count.apply(bucket).asLong();
        }
        return sum;
    }
}
