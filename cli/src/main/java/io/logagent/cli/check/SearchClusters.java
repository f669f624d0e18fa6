package io.logagent.cli.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Names the product and version from a search cluster's root document ({@code GET /}). */
final class SearchClusters {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SearchClusters() {
    }

    static String describe(String rootJson) {
        try {
            return describe(MAPPER.readTree(rootJson));
        } catch (java.io.IOException e) {
            return "answer is not JSON";
        }
    }

    static String describe(JsonNode root) {
        JsonNode version = root.path("version");
        String product = version.path("distribution").asText("elasticsearch");
        return product + " " + version.path("number").asText("?") + " (cluster " + root.path("cluster_name").asText("?") + ")";
    }
}
