package io.logagent.bench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The console's search API as a browser uses it: one login, then the session cookie on every request. */
final class ConsoleApi {
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper mapper = new ObjectMapper();

    ConsoleApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** Logs in as admin, retrying while the console starts. */
    void login(String password, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String body = mapper.createObjectNode().put("username", "admin").put("password", password).toString();
        while (true) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                throw new IOException("login → " + r.statusCode() + ": " + r.body());
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }

    /** GET {@code path} with query parameters given as name, value pairs. */
    JsonNode get(String path, String... params) throws IOException, InterruptedException {
        StringBuilder url = new StringBuilder(base).append(path);
        for (int i = 0; i < params.length; i += 2) {
            url.append(i == 0 ? '?' : '&').append(params[i]).append('=')
                    .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url.toString())).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + url + " → " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
        }
        return mapper.readTree(r.body());
    }
}
