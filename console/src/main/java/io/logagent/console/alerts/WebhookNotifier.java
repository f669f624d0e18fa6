package io.logagent.console.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** POSTs the {@link Notice} as JSON; any answer but 2xx, or no answer within the timeout, is a failed attempt. */
final class WebhookNotifier {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final ObjectMapper mapper;

    /** @param http owned by the caller (the console closes it) */
    WebhookNotifier(HttpClient http, ObjectMapper mapper) {
        this.http = http;
        this.mapper = mapper;
    }

    void send(URI url, Notice notice) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "logagent-console")
                .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(notice))).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            String body = r.body() == null ? "" : r.body().strip();
            throw new IOException("HTTP " + r.statusCode() + (body.isEmpty() ? "" : ": "
                    + body.substring(0, Math.min(200, body.length()))));
        }
    }
}
