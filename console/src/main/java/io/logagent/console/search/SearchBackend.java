package io.logagent.console.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logagent.console.config.ConsoleConfig;
import io.logagent.core.problem.ConnectionProblem;
import io.logagent.core.problem.ConnectionProblemException;
import io.logagent.core.problem.ProblemReporter;
import io.logagent.core.search.SearchClientOptions;
import io.logagent.core.search.SearchProblems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plain JSON over HTTP to OpenSearch or Elasticsearch 7/8: only {@code _search} and {@code _cat} are used, whose
 * shapes are the same in all three, so no version-specific client is needed.
 *
 * <p>Errors are classified for the caller: a 400 from the engine (bad query syntax) becomes
 * {@link BadQueryException} with the engine's reason; anything else (down, 5xx, auth) becomes
 * {@link BackendException}, shown as 502 — the console never retries, the user presses search again.
 */
public final class SearchBackend {

    private static final Logger log = LoggerFactory.getLogger(SearchBackend.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final ObjectMapper mapper;
    private final SearchClientOptions options;
    private final List<URI> nodes;
    private final String authorization;
    private final ProblemReporter problems;
    private final AtomicInteger current = new AtomicInteger();

    /**
     * @param http     built with {@link SearchClientOptions#sslContext} for https nodes
     * @param problems where 401/403 answers and TLS failures are reported, once per distinct problem a minute
     */
    public SearchBackend(HttpClient http, ObjectMapper mapper, ConsoleConfig.Es es, ProblemReporter problems) {
        this.http = http;
        this.mapper = mapper;
        this.options = es.search();
        this.nodes = options.addresses();
        this.authorization = options.authorization().orElse(null);
        this.problems = problems;
    }

    /** An HTTP client for {@code es}: its TLS context verifies the cluster against {@code [es] ca_file}. */
    public static HttpClient httpClient(ConsoleConfig.Es es, Duration connectTimeout) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout);
        if (es.search().addresses().stream().anyMatch(a -> a.getScheme().equals("https"))) {
            builder.sslContext(es.search().sslContext(log, "console"));
        }
        return builder.build();
    }

    /**
     * The console's first request ({@code GET /_cluster/health}, which its user must be allowed): a 401, 403 or
     * TLS failure means the configuration cannot work, so the console does not start
     * ({@link ConnectionProblemException}, exit 2). An unreachable engine is only logged: searches answer 502
     * until it is back.
     */
    public void firstContact() {
        try {
            get("/_cluster/health");
        } catch (BackendException e) {
            if (e.problem().isPresent()) {
                throw new ConnectionProblemException(e.problem().get(), e);
            }
            log.warn("search engine not usable yet, searches fail until it is: {}", e.getMessage());
        }
    }

    /** The latest unresolved 401/403/TLS problem, for status pages; empty once a request succeeds again. */
    public Optional<ConnectionProblem> currentProblem() {
        return problems.current();
    }

    /** POSTs {@code body} to {@code path} (which starts with '/'). */
    public JsonNode post(String path, JsonNode body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build());
    }

    public JsonNode get(String path) {
        return send(request(path).GET().build());
    }

    private HttpRequest.Builder request(String path) {
        URI base = nodes.get(Math.floorMod(current.get(), nodes.size()));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Accept", "application/json");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> response;
        URI node = base(request);
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            int tried = current.get();
            current.compareAndSet(tried, tried + 1); // the next request tries the next node
            Optional<ConnectionProblem> problem = SearchProblems.ofFailure(node, e, options);
            if (problem.isPresent()) {
                throw reported(problem.get(), e);
            }
            throw new BackendException("search engine at " + node + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("interrupted while waiting for the search engine", e);
        }
        Optional<ConnectionProblem> problem = SearchProblems.ofStatus(node, response.statusCode(), options,
                request.method() + " " + request.uri().getRawPath());
        if (problem.isPresent()) {
            throw reported(problem.get(), null);
        }
        if (problems.current().isPresent()) {
            problems.clear();
        }
        JsonNode json;
        try {
            json = mapper.readTree(response.body());
        } catch (IOException e) {
            throw new BackendException("search engine answered " + response.statusCode() + " with non-JSON", e);
        }
        if (response.statusCode() == 400) {
            throw new BadQueryException(QueryError.shorten(reason(json)));
        }
        if (response.statusCode() / 100 != 2) {
            throw new BackendException("search engine answered " + response.statusCode() + ": " + reason(json), null);
        }
        shardFailures(json);
        return json;
    }

    private BackendException reported(ConnectionProblem problem, Throwable cause) {
        problems.report(problem);
        return new BackendException(problem, cause);
    }

    private static URI base(HttpRequest request) {
        URI uri = request.uri();
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
    }

    /**
     * A query that some shards could not parse comes back as 200 with shard failures (others were skipped by the
     * time filter): still the user's mistake, a 400. Other failures of every shard are the engine's, a 502.
     */
    private static void shardFailures(JsonNode json) {
        JsonNode shards = json.path("_shards");
        if (shards.path("failed").asInt(0) == 0) {
            return;
        }
        for (JsonNode failure : shards.path("failures")) {
            JsonNode cause = failure.path("reason");
            String types = cause.toString();
            if (types.contains("query_shard_exception") || types.contains("parse_exception")) {
                ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
                wrapped.set("error", cause);
                throw new BadQueryException(QueryError.shorten(reason(wrapped)));
            }
        }
        if (shards.path("successful").asInt(0) == 0 && shards.path("skipped").asInt(0) == 0) {
            throw new BackendException("every shard failed: " + shards.path("failures").path(0).path("reason")
                    .path("reason").asText("unknown error"), null);
        }
    }

    /** The most specific reason: the root cause's, or its nested cause's for query_string parse errors. */
    static String reason(JsonNode json) {
        JsonNode error = json.path("error");
        if (error.isTextual()) {
            return error.asText();
        }
        JsonNode root = error.path("root_cause").path(0);
        JsonNode deepest = error.path("caused_by");
        while (deepest.has("caused_by")) {
            deepest = deepest.path("caused_by");
        }
        String reason = deepest.path("reason").asText(root.path("reason").asText(error.path("reason").asText("unknown error")));
        return reason;
    }

    /** The query (syntax, field type) was refused by the engine: the user's mistake, shown as 400. */
    public static final class BadQueryException extends RuntimeException {
        public BadQueryException(String message) {
            super(message);
        }
    }

    /** The engine could not be used: shown as 502. */
    public static final class BackendException extends RuntimeException {
        private final transient ConnectionProblem problem;

        public BackendException(String message, Throwable cause) {
            super(message, cause);
            this.problem = null;
        }

        /** The engine refused us for a reason the operator must fix: the message is the problem's line. */
        public BackendException(ConnectionProblem problem, Throwable cause) {
            super(problem.line(), cause);
            this.problem = problem;
        }

        public Optional<ConnectionProblem> problem() {
            return Optional.ofNullable(problem);
        }
    }
}
