package io.logagent.transfer.index;

import io.logagent.transfer.config.TransferConfig;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TrustAllStrategy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.ssl.SSLContextBuilder;
import org.apache.hc.core5.util.Timeout;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The few REST calls the transfer makes (bulk, index create, templates, alias listing, delete), as plain HTTP
 * through Apache HttpClient 5. Why not opensearch-java: the bulk path needs exactly the raw per-item
 * status and error type, which both clusters return in the same shape, while the typed clients differ between
 * Elasticsearch 7/8 and OpenSearch 2/3 (opensearch-java's {@code info()} already fails on ES 7.10); NDJSON written
 * once from pre-serialised sources also avoids re-serialising every document on each retry.
 *
 * <p>Thread-safe: bulk workers share it. Several node URLs rotate after a connection failure.
 */
public final class SearchHttp implements AutoCloseable {

    /** Status and body of a response; a body is read fully (bulk responses are bounded by the request size). */
    public record Response(int status, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public static final ContentType JSON = ContentType.APPLICATION_JSON;
    public static final ContentType NDJSON = ContentType.create("application/x-ndjson", StandardCharsets.UTF_8);

    private final CloseableHttpClient client;
    private final List<URI> nodes;
    private final String authorization;
    private final AtomicInteger current = new AtomicInteger();

    public SearchHttp(CloseableHttpClient client, List<URI> nodes, String username, String password) {
        this.client = client;
        this.nodes = List.copyOf(nodes);
        this.authorization = username.isEmpty() ? null : "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A client with a connection pool sized for {@code maxInFlightBulks} concurrent requests. */
    public static SearchHttp connect(TransferConfig.Index config, Duration requestTimeout) {
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(config.maxInFlightBulks() + 4)
                .setMaxConnPerRoute(config.maxInFlightBulks() + 4)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofSeconds(10))
                        .setSocketTimeout(Timeout.of(requestTimeout)).build());
        SSLContext ssl = sslContext(config);
        if (ssl != null) {
            var tls = ClientTlsStrategyBuilder.create().setSslContext(ssl);
            if (config.insecure()) {
                tls.setHostnameVerifier(NoopHostnameVerifier.INSTANCE);
            }
            connections.setTlsSocketStrategy(tls.buildClassic());
        }
        // Retries are ours (per item, with backoff); the client's own would resend whole bulk bodies blindly.
        CloseableHttpClient client = HttpClients.custom().setConnectionManager(connections.build())
                .disableAutomaticRetries().disableRedirectHandling().build();
        return new SearchHttp(client, config.addresses(), config.username(), config.password());
    }

    private static SSLContext sslContext(TransferConfig.Index config) {
        try {
            if (config.insecure()) {
                return SSLContextBuilder.create().loadTrustMaterial(TrustAllStrategy.INSTANCE).build();
            }
            if (config.tlsCaFile().isEmpty()) {
                return null;
            }
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            Path ca = config.tlsCaFile().get();
            try (InputStream in = Files.newInputStream(ca)) {
                int i = 0;
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    trust.setCertificateEntry("ca-" + i++, c);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS for " + config.addresses() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sends one request. Throws {@link IOException} when no response arrived (refused, reset, timed out); any
     * response, whatever its status, is returned for the caller to classify.
     */
    public Response send(String method, String path, byte[] body, ContentType type) throws IOException {
        int node = Math.floorMod(current.get(), nodes.size());
        HttpUriRequestBase request = new HttpUriRequestBase(method, URI.create(nodes.get(node) + path));
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, type));
        }
        if (authorization != null) {
            request.setHeader(HttpHeaders.AUTHORIZATION, authorization);
        }
        try {
            return client.execute(request, r -> new Response(r.getCode(),
                    r.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(r.getEntity())));
        } catch (IOException e) {
            current.compareAndSet(node, node + 1); // the next attempt tries the next node
            throw e;
        }
    }

    public Response send(String method, String path) throws IOException {
        return send(method, path, null, null);
    }

    /** Aborts requests in flight: bulk workers blocked on a hung cluster return at once with an IOException. */
    @Override
    public void close() {
        client.close(CloseMode.IMMEDIATE);
    }
}
