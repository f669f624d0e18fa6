package io.logagent.stack.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTPS with basic auth in front of a plain-HTTP OpenSearch/Elasticsearch node, for tests of clients against a
 * secured cluster: real TLS (the JDK's {@code HttpsServer} with a certificate from a {@link CertificateAuthority})
 * and real 401/403 answers, shaped like the OpenSearch security plugin's.
 *
 * <p>Why not the security plugin itself: {@code org.opensearch.plugin:opensearch-security} on Maven Central stops at
 * 3.4.0.0 while the stack runs OpenSearch 3.8.0, and a plugin only loads into the exact OpenSearch version it was
 * built for.
 *
 * <p>Users are either writers (anything) or read-only: GET and HEAD, and POST to the search endpoints
 * ({@code _search}, {@code _msearch}, {@code _count}, {@code _mget}); any other request gets 403. Runs in the
 * test's JVM on its own named threads; {@link #close()} stops it. Thread-safe.
 */
public final class SearchTlsFront implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SearchTlsFront.class);
    private static final Set<String> READ_ENDPOINTS = Set.of("_search", "_msearch", "_count", "_mget", "scroll");
    /** Request headers not passed on: hop-by-hop ones, our credentials, and Accept-Encoding (answers pass as is). */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "expect", "authorization", "keep-alive", "te", "trailer", "proxy-authorization",
            "accept-encoding");

    /** A user of the front; {@code readOnly} users may only read and search. */
    public record User(String name, String password, boolean readOnly) {
        @Override
        public String toString() {
            return "User[" + name + (readOnly ? ", read-only" : "") + "]";
        }
    }

    private final HttpsServer server;
    private final ExecutorService threads;
    private final HttpClient upstreamClient;
    private final URI upstream;
    private final Map<String, User> users = new java.util.concurrent.ConcurrentHashMap<>();

    private SearchTlsFront(HttpsServer server, ExecutorService threads, URI upstream, List<User> users) {
        this.server = server;
        this.threads = threads;
        this.upstream = upstream;
        users.forEach(u -> this.users.put(u.name(), u));
        this.upstreamClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        // (its own executor: handlers block on it, so sharing theirs could starve it)
    }

    /** Listens on a free 127.0.0.1 port with {@code identity}'s certificate, forwarding to {@code upstream}. */
    public static SearchTlsFront start(String upstream, CertificateAuthority.Identity identity, List<User> users) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(8, r -> new Thread(r, "search-tls-front-" + n.incrementAndGet()));
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            server.setHttpsConfigurator(new HttpsConfigurator(serverContext(identity)));
            SearchTlsFront front = new SearchTlsFront(server, threads, URI.create(upstream), users);
            server.createContext("/", front::handle);
            server.setExecutor(threads);
            server.start();
            LOG.info("TLS front with basic auth at {} for {} (users {})", front.httpsUrl(), upstream, users);
            return front;
        } catch (IOException | RuntimeException e) {
            threads.shutdownNow();
            throw new IllegalStateException("cannot start the TLS front for " + upstream, e);
        }
    }

    private static SSLContext serverContext(CertificateAuthority.Identity identity) {
        try (InputStream in = Files.newInputStream(identity.keystore())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, identity.password().toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, identity.password().toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load " + identity.keystore(), e);
        }
    }

    /** Changes (or adds) a user, e.g. to rotate a password under a running client. */
    public void putUser(User user) {
        users.put(user.name(), user);
    }

    /** {@code https://127.0.0.1:PORT}. */
    public String httpsUrl() {
        return httpsUrl("127.0.0.1");
    }

    /** {@code https://HOST:PORT}, e.g. with {@code localhost} to test host name checks. */
    public String httpsUrl(String host) {
        return "https://" + host + ":" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Optional<User> user = authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
            if (user.isEmpty()) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"OpenSearch Security\"");
                respond(exchange, 401, "text/plain; charset=UTF-8", "Unauthorized".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            if (user.get().readOnly() && !isRead(method, path)) {
                String reason = "no permissions for [" + method + " " + path + "] and User [name=" + user.get().name()
                        + ", backend_roles=[], requestedTenant=null]";
                respond(exchange, 403, "application/json; charset=UTF-8", ("{\"error\":{\"root_cause\":[{\"type\":"
                        + "\"security_exception\",\"reason\":\"" + reason + "\"}],\"type\":\"security_exception\","
                        + "\"reason\":\"" + reason + "\"},\"status\":403}").getBytes(StandardCharsets.UTF_8));
                return;
            }
            forward(exchange, method);
        } catch (IOException | RuntimeException e) {
            LOG.debug("TLS front: {} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
            throw e;
        }
    }

    private Optional<User> authenticate(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        User user = users.get(decoded.substring(0, colon));
        if (user == null || !MessageDigest.isEqual(user.password().getBytes(StandardCharsets.UTF_8),
                decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(user);
    }

    static boolean isRead(String method, String path) {
        if (method.equals("GET") || method.equals("HEAD")) {
            return true;
        }
        if (!method.equals("POST")) {
            return false;
        }
        for (String segment : path.split("/")) {
            if (READ_ENDPOINTS.contains(segment)) {
                return true;
            }
        }
        return false;
    }

    private void forward(HttpExchange exchange, String method) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery())))
                .timeout(Duration.ofSeconds(120))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = upstreamClient.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            respond(exchange, 502, "text/plain; charset=UTF-8", ("upstream " + upstream + ": " + e).getBytes(StandardCharsets.UTF_8));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        respond(exchange, response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                method.equals("HEAD") ? new byte[0] : response.body());
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        upstreamClient.close();
        threads.shutdownNow();
    }
}
