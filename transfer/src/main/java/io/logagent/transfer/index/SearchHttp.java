package io.logagent.transfer.index;

import io.logagent.transfer.config.TransferConfig;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

import io.logagent.core.problem.ConnectionProblem;
import io.logagent.core.problem.ProblemReporter;
import io.logagent.core.search.SearchClientOptions;
import io.logagent.core.search.SearchProblems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

    private static final Logger log = LoggerFactory.getLogger(SearchHttp.class);

    private final CloseableHttpClient client;
    private final SearchClientOptions options;
    private final List<URI> nodes;
    private final String authorization;
    private final ProblemReporter problems;
    private final AtomicInteger current = new AtomicInteger();
    /** Requests being executed, so that {@link #abortInFlight()} can cancel them; at most the pool's size. */
    private final Set<HttpUriRequestBase> inFlight = ConcurrentHashMap.newKeySet();

    /** @param problems where 401/403 answers and TLS failures are reported (rate-limited) before they are thrown */
    public SearchHttp(CloseableHttpClient client, SearchClientOptions options, ProblemReporter problems) {
        this.client = client;
        this.options = options;
        this.nodes = options.addresses();
        this.authorization = options.authorization().orElse(null);
        this.problems = problems;
    }

    /**
     * A client with a connection pool sized for {@code maxInFlightBulks} concurrent requests; {@code clock} paces
     * the problem reports.
     */
    public static SearchHttp connect(TransferConfig.Index config, Duration requestTimeout, Clock clock) {
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(config.maxInFlightBulks() + 4)
                .setMaxConnPerRoute(config.maxInFlightBulks() + 4)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofSeconds(10))
                        .setSocketTimeout(Timeout.of(requestTimeout)).build());
        SearchClientOptions options = config.search();
        if (options.addresses().stream().anyMatch(a -> a.getScheme().equals("https"))) {
            var tls = ClientTlsStrategyBuilder.create().setSslContext(options.sslContext(log, "transfer"));
            if (options.insecureSkipVerify()) {
                tls.setHostnameVerifier(NoopHostnameVerifier.INSTANCE);
            }
            connections.setTlsSocketStrategy(tls.buildClassic());
        }
        // Retries are ours (per item, with backoff); the client's own would resend whole bulk bodies blindly.
        CloseableHttpClient client = HttpClients.custom().setConnectionManager(connections.build())
                .disableAutomaticRetries().disableRedirectHandling().build();
        return new SearchHttp(client, options, ProblemReporter.perMinute(log, clock));
    }

    /** The latest unresolved 401/403/TLS problem, for status pages; empty once a request succeeds again. */
    public Optional<ConnectionProblem> currentProblem() {
        return problems.current();
    }

    /**
     * Sends one request. Throws {@link IOException} when no usable response arrived: refused, reset, timed out, or
     * a {@link SearchProblemException} for a TLS failure or a 401/403 answer (reported once a minute as an ERROR
     * naming the setting to fix); callers retry those with backoff like any outage. Any other response, whatever
     * its status, is returned for the caller to classify.
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
        Response response;
        inFlight.add(request);
        try {
            response = client.execute(request, r -> new Response(r.getCode(),
                    r.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(r.getEntity())));
        } catch (IOException e) {
            current.compareAndSet(node, node + 1); // the next attempt tries the next node
            Optional<ConnectionProblem> problem = SearchProblems.ofFailure(nodes.get(node), e, options);
            if (problem.isPresent()) {
                throw reported(problem.get(), e);
            }
            throw e;
        } finally {
            inFlight.remove(request);
        }
        Optional<ConnectionProblem> problem = SearchProblems.ofStatus(nodes.get(node), response.status(), options,
                method + " " + path.replaceFirst("\\?.*", ""));
        if (problem.isPresent()) {
            throw reported(problem.get(), null);
        }
        if (problems.current().isPresent()) {
            problems.clear();
        }
        return response;
    }

    private SearchProblemException reported(ConnectionProblem problem, Throwable cause) {
        problems.report(problem);
        return new SearchProblemException(problem, cause);
    }

    public Response send(String method, String path) throws IOException {
        return send(method, path, null, null);
    }

    /**
     * Cancels the requests in flight, leaving the client open for the index setup and retention that share it: bulk
     * workers blocked on a hung cluster return at once with an IOException (a retention request cancelled with them
     * is retried at its next round).
     */
    public void abortInFlight() {
        inFlight.forEach(HttpUriRequestBase::cancel);
    }

    /** Closes the client; only its owner (the transfer service) does, once nothing uses it any more. */
    @Override
    public void close() {
        client.close(CloseMode.IMMEDIATE);
    }
}
