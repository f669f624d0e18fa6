package io.logagent.bench.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The same as {@link JetcdWatchProbe} through etcd's JSON gRPC-gateway ({@code /v3/kv/range}, {@code /v3/watch}
 * as a stream of JSON lines, {@code /v3/lease/grant}, {@code /v3/lease/keepalive}, {@code /v3/kv/put}) over the
 * JDK's HTTP client, to measure what dropping gRPC/Netty/Vert.x from the agent would save. Args: ENDPOINT KEY.
 */
public final class HttpWatchProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getEncoder();

    private HttpWatchProbe() {
    }

    public static void main(String[] args) throws Exception {
        LoggerFactory.getLogger(HttpWatchProbe.class).info("HTTP probe on {}", args[0]); // as the agent logs
        URI base = URI.create(args[0]);
        String key = b64(args[1]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        JsonNode range = call(http, base, "/v3/kv/range", "{\"key\":\"" + key + "\"}");
        long revision = range.path("header").path("revision").asLong();
        AtomicLong events = new AtomicLong();
        Thread watcher = Thread.ofPlatform().name("probe-watch").daemon().start(() -> {
            try {
                HttpResponse<Stream<String>> r = http.send(post(base, "/v3/watch", "{\"create_request\":{\"key\":\""
                        + key + "\",\"start_revision\":" + (revision + 1) + "}}"), HttpResponse.BodyHandlers.ofLines());
                r.body().forEach(line -> {
                    try {
                        for (JsonNode e : JSON.readTree(line).path("result").path("events")) {
                            JSON.readTree(Base64.getDecoder().decode(e.path("kv").path("value").asText()));
                            events.incrementAndGet();
                        }
                    } catch (java.io.IOException ex) {
                        throw new IllegalStateException(ex);
                    }
                });
            } catch (Exception e) {
                e.printStackTrace();
            }
        });
        String lease = call(http, base, "/v3/lease/grant", "{\"TTL\":10}").path("ID").asText();
        call(http, base, "/v3/kv/put", "{\"key\":\"" + b64(args[1] + "/status") + "\",\"value\":\""
                + b64("{\"up\":true}") + "\",\"lease\":\"" + lease + "\"}");
        for (int s = 1; watcher.isAlive(); s++) {
            Thread.sleep(1000);
            if (s % 3 == 0) {
                call(http, base, "/v3/lease/keepalive", "{\"ID\":\"" + lease + "\"}");
            }
            System.out.println("events " + events.get());
        }
    }

    private static JsonNode call(HttpClient http, URI base, String path, String body) throws Exception {
        HttpResponse<byte[]> r = http.send(post(base, path, body), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + ": HTTP " + r.statusCode() + " " + new String(r.body()));
        }
        return JSON.readTree(r.body());
    }

    private static HttpRequest post(URI base, String path, String body) {
        return HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String b64(String s) {
        return B64.encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
