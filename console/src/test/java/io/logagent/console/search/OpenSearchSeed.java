package io.logagent.console.search;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** Creates an index in the transfer's shape (mapping + aliases) and bulk-indexes documents, refreshed. */
public final class OpenSearchSeed {

    public static final String MAPPING = """
            {"properties":{"message":{"type":"text"},"@timestamp":{"type":"date"},"host":{"type":"keyword"},
             "path":{"type":"keyword"},"level":{"type":"keyword"},"topic":{"type":"keyword"},
             "file_id":{"type":"keyword"},"module":{"type":"keyword"},"offset":{"type":"long"},
             "pattern_id":{"type":"keyword"},"pattern":{"type":"keyword"}}}""";

    public static void createIndex(String baseUrl, String index, List<String> aliases) throws Exception {
        createIndex(baseUrl, index, aliases, MAPPING);
    }

    /** @param mapping the index's {@code mappings} JSON (e.g. {@link #MAPPING} with more keyword fields) */
    public static void createIndex(String baseUrl, String index, List<String> aliases, String mapping) throws Exception {
        StringBuilder a = new StringBuilder();
        for (String alias : aliases) {
            a.append(a.isEmpty() ? "" : ",").append('"').append(alias).append("\":{}");
        }
        send(baseUrl, "PUT", "/" + index, "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0},"
                + "\"mappings\":" + mapping + ",\"aliases\":{" + a + "}}");
    }

    /** Each element is one document's JSON. */
    public static void index(String baseUrl, String index, List<String> docs) throws Exception {
        StringBuilder bulk = new StringBuilder();
        for (String d : docs) {
            bulk.append("{\"index\":{\"_index\":\"").append(index).append("\"}}\n").append(d).append('\n');
        }
        String r = send(baseUrl, "POST", "/_bulk?refresh=true", bulk.toString());
        if (r.contains("\"errors\":true")) {
            throw new IllegalStateException("bulk failed: " + r);
        }
    }

    private static String send(String baseUrl, String method, String path, String body) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("Content-Type", path.startsWith("/_bulk") ? "application/x-ndjson" : "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
            }
            return r.body();
        }
    }
}
