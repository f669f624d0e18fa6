package io.logagent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the index holds, for exactly-once assertions: counts and every message, read with a scroll. */
final class SearchIndex {
    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    SearchIndex(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Documents in {@code alias} after a refresh; 0 while it does not exist. */
    long count(String alias) throws Exception {
        HttpResponse<String> refresh = send("POST", "/" + alias + "/_refresh?ignore_unavailable=true", null);
        if (refresh.statusCode() == 404) {
            return 0;
        }
        HttpResponse<String> r = send("GET", "/" + alias + "/_count?ignore_unavailable=true", null);
        return r.statusCode() == 404 ? 0 : json.readTree(r.body()).path("count").asLong();
    }

    /** Every document's {@code message}, duplicates kept. */
    List<String> messages(String alias) throws Exception {
        send("POST", "/" + alias + "/_refresh", null);
        List<String> out = new ArrayList<>();
        JsonNode page = json.readTree(send("POST", "/" + alias + "/_search?scroll=1m",
                "{\"size\":5000,\"_source\":[\"message\"],\"sort\":[\"_doc\"]}").body());
        while (true) {
            JsonNode hits = page.path("hits").path("hits");
            if (hits.isEmpty()) {
                break;
            }
            hits.forEach(h -> out.add(h.path("_source").path("message").asText()));
            page = json.readTree(send("POST", "/_search/scroll",
                    "{\"scroll\":\"1m\",\"scroll_id\":\"" + page.path("_scroll_id").asText() + "\"}").body());
        }
        return out;
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Lines expected vs. messages found: lost and doubled. */
    record Tally(int lines, int documents, int lost, int duplicates) {
        static Tally of(List<String> expected, List<String> found) {
            Set<String> seen = new HashSet<>();
            Map<String, Integer> counts = new HashMap<>();
            found.forEach(m -> counts.merge(m, 1, Integer::sum));
            int duplicates = counts.values().stream().mapToInt(c -> c - 1).sum();
            seen.addAll(found);
            int lost = (int) expected.stream().filter(l -> !seen.contains(l)).count();
            return new Tally(expected.size(), found.size(), lost, duplicates);
        }
    }
}
