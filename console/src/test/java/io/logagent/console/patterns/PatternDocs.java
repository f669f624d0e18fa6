package io.logagent.console.patterns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.logagent.core.event.PatternFields;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/** Documents in the transfer's shape with pattern fields, for the API and browser tests. */
public final class PatternDocs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PatternDocs() {
    }

    /**
     * Writes template documents (JSON with an {@code _id} member) into the transfer's store beside {@code alias},
     * mapped as the transfer maps it.
     */
    public static void store(String baseUrl, String alias, List<String> docs) throws Exception {
        String index = PatternFields.storeIndex(alias);
        try (HttpClient http = HttpClient.newHttpClient()) {
            send(http, baseUrl + "/" + index, "PUT", """
                    {"mappings":{"properties":{"topic":{"type":"keyword"},"pattern":{"type":"keyword"},
                     "replaced_by":{"type":"keyword"},"first_seen":{"type":"date"}}}}""");
            StringBuilder bulk = new StringBuilder();
            for (String d : docs) {
                var node = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(d);
                String id = node.remove("_id").asText();
                bulk.append("{\"index\":{\"_index\":\"").append(index).append("\",\"_id\":\"").append(id)
                        .append("\"}}\n").append(JSON.writeValueAsString(node)).append('\n');
            }
            String r = send(http, baseUrl + "/_bulk?refresh=true", "POST", bulk.toString());
            if (r.contains("\"errors\":true")) {
                throw new IllegalStateException("bulk failed: " + r);
            }
        }
    }

    private static String send(HttpClient http, String url, String method, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** @param id the pattern_id, or null for a line indexed without patterns */
    public static String doc(Instant time, String level, String message, String id, String pattern)
            throws JsonProcessingException {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("@timestamp", time.toString());
        d.put("level", level);
        d.put("topic", "app");
        d.put("message", message);
        if (id != null) {
            d.put("pattern_id", id);
            d.put("pattern", pattern);
        }
        return JSON.writeValueAsString(d);
    }
}
