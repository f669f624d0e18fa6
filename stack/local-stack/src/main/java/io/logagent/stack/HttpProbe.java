package io.logagent.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

import javax.net.ssl.SSLContext;

/** Readiness by HTTP(S) GET: status 200 and a body the predicate accepts. */
final class HttpProbe implements ChildProcessServer.ReadinessProbe {
    private final HttpClient client;
    private final HttpRequest request;
    private final Predicate<String> healthy;

    HttpProbe(String url, Duration requestTimeout, Predicate<String> healthy) {
        this(url, requestTimeout, healthy, null);
    }

    /** @param ssl for https:// URLs: trusts the server's CA and may carry a client certificate; null for the JDK's */
    HttpProbe(String url, Duration requestTimeout, Predicate<String> healthy, SSLContext ssl) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1));
        if (ssl != null) {
            builder.sslContext(ssl);
        }
        this.client = builder.build();
        this.request = HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout).build();
        this.healthy = healthy;
    }

    @Override
    public boolean ready() throws Exception {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 && healthy.test(response.body());
    }

    @Override
    public void close() {
        client.close();
    }
}
