package io.logagent.bench.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpPut;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Plain HTTP to OpenSearch through Apache HttpClient 5 (classic, pooled): the same client the transfer uses, so
 * the bulk-loader baseline differs from the transfer only in what the transfer does on top.
 */
public final class OpenSearchHttp implements AutoCloseable {
    public static final ContentType NDJSON = ContentType.create("application/x-ndjson", StandardCharsets.UTF_8);

    private final String base;
    private final CloseableHttpClient client;
    private final ObjectMapper mapper = new ObjectMapper();

    public OpenSearchHttp(String base, int connections) {
        this.base = base;
        this.client = HttpClients.custom().setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(connections).setMaxConnPerRoute(connections).build()).build();
    }

    public JsonNode get(String path) throws IOException {
        return call(new HttpGet(base + path), null, null);
    }

    public JsonNode put(String path, String json) throws IOException {
        return call(new HttpPut(base + path), json.getBytes(StandardCharsets.UTF_8), ContentType.APPLICATION_JSON);
    }

    public JsonNode post(String path, byte[] body, ContentType type) throws IOException {
        return call(new HttpPost(base + path), body, type);
    }

    public JsonNode call(String method, String path) throws IOException {
        return call(new HttpUriRequestBase(method, java.net.URI.create(base + path)), null, null);
    }

    /** Documents of {@code index} visible to search (refreshed); 0 while it does not exist. */
    public long count(String index) throws IOException {
        JsonNode r = get("/" + index + "/_count");
        return r.path("count").asLong(0);
    }

    /** Waits until {@code index} holds {@code count} searchable documents; returns System.nanoTime() then. */
    public long awaitCount(String index, long count, Duration timeout, Runnable whilePolling) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long n = count(index);
            long now = System.nanoTime();
            if (n >= count) {
                return now;
            }
            if (now > deadline) {
                throw new IllegalStateException(index + " holds " + n + " of " + count + " documents after " + timeout);
            }
            whilePolling.run();
            Thread.sleep(100);
        }
    }

    private JsonNode call(HttpUriRequestBase request, byte[] body, ContentType type) throws IOException {
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, type));
        }
        return client.execute(request, response -> {
            byte[] bytes = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
            if (response.getCode() >= 300 && response.getCode() != 404) {
                throw new IOException(request.getMethod() + " " + request.getRequestUri() + " → " + response.getCode()
                        + ": " + new String(bytes, StandardCharsets.UTF_8));
            }
            return bytes.length == 0 ? mapper.createObjectNode() : mapper.readTree(bytes);
        });
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
