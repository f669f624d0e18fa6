package io.logagent.agent.status;

import io.logagent.core.status.StatusJson;

import io.logagent.core.status.StatusReport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code /health}, {@code /status} (the same JSON as in etcd) and {@code /metrics} (Prometheus text), on the JDK's
 * built-in HTTP server: three read-only pages do not justify a web framework in every agent.
 *
 * <p>One thread, {@code logagent-http}; at most 16 requests wait for it, further ones are refused (the JDK server
 * then closes their connection) so a scraper storm cannot grow the agent's memory.
 */
public final class StatusHttpServer {
    private static final Logger log = LoggerFactory.getLogger(StatusHttpServer.class);

    private final HttpServer server;
    private final ExecutorService executor;

    public StatusHttpServer(InetSocketAddress bind, Supplier<StatusReport> reports, StatusJson json,
                            PrometheusMeterRegistry metrics) {
        try {
            this.server = HttpServer.create(bind, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + bind + " for /status (set [agent] http_port)", e);
        }
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(16),
                r -> new Thread(r, "logagent-http"), new ThreadPoolExecutor.AbortPolicy());
        server.setExecutor(executor);
        server.createContext("/health", ex -> respond(ex, 200, "text/plain", "ok\n"));
        server.createContext("/status", ex -> respond(ex, 200, "application/json", json.write(reports.get())));
        server.createContext("/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                metrics.scrape()));
    }

    public void start() {
        server.start();
        log.info("status endpoint on http://{}:{}/status", address().getHostString(), address().getPort());
    }

    /** The bound address: the actual port when {@code http_port=0}. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    public void stop() {
        server.stop(0);
        executor.shutdown();
    }

    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void respond(HttpExchange ex, int code, String type, String body) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(code, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
