package io.logagent.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A test client of the console's HTTP API: HTTP Basic, or a browser-like session (cookie + CSRF header). */
public final class Api implements AutoCloseable {

    public record Response(int status, JsonNode json, String body, HttpResponse<String> raw) { }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private String basic;
    private String cookie;
    private String csrf;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public Api basic(String user, String password) {
        this.basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Logs in through /api/login and keeps the session cookie and CSRF token. */
    public Response login(String user, String password) {
        Response r = post("/api/login", Map.of("username", user, "password", password));
        if (r.status() == 200) {
            String setCookie = r.raw().headers().firstValue("Set-Cookie").orElseThrow();
            cookie = setCookie.substring(0, setCookie.indexOf(';'));
            csrf = r.json().path("csrfToken").asText();
        }
        return r;
    }

    public void csrf(String token) {
        this.csrf = token;
    }

    public Response get(String path, Map<String, String> query) {
        StringBuilder q = new StringBuilder();
        query.forEach((k, v) -> q.append(q.isEmpty() ? "?" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send(request(path + q).GET());
    }

    public Response get(String path) {
        return get(path, Map.of());
    }

    public Response post(String path, Object body) {
        return send(request(path).POST(json(body)));
    }

    public Response put(String path, Object body) {
        return send(request(path).PUT(json(body)));
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json");
        if (basic != null) {
            b.header("Authorization", basic);
        }
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return b;
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Response send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = r.body().isEmpty() ? null : MAPPER.readTree(r.body());
            } catch (IOException e) {
                // not JSON (page, metrics): the body is there as text
            }
            return new Response(r.statusCode(), json, r.body(), r);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
