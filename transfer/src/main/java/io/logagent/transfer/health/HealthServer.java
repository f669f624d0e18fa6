package io.logagent.transfer.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code GET /health} (200 {"status":"UP", …details} while the consumer loop runs, 503 otherwise) and {@code GET /metrics}
 * (Prometheus text) on one port, served by the JDK's HTTP server on a single thread {@code transfer-http}:
 * scrapes are rare and cheap, so requests simply queue.
 */
public final class HealthServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    /** @param details more fields of the /health answer (topics followed, etcd problems) */
    public HealthServer(int port, PrometheusMeterRegistry registry, BooleanSupplier healthy, ObjectMapper mapper,
                        Supplier<Map<String, Object>> details) throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 0);
        executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "transfer-http"));
        server.setExecutor(executor);
        server.createContext("/health", exchange -> {
            boolean up = healthy.getAsBoolean();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", up ? "UP" : "DOWN");
            body.putAll(details.get());
            respond(exchange, up ? 200 : 503, "application/json", mapper.writeValueAsString(body));
        });
        server.createContext("/metrics", exchange ->
                respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
    }
}
