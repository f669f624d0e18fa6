package io.logagent.console.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook endpoint for tests (the JDK's HttpServer on a free port): keeps every JSON body POSTed to it, and
 * answers 503 to the first {@link #failNext} requests, as a receiver that is down would.
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpServer server;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = 200;
            if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                status = 503;
                refused.incrementAndGet();
            } else {
                received.add(MAPPER.readTree(body));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public List<JsonNode> received() {
        return List.copyOf(received);
    }

    /** The {@code state} of every notification received, in order. */
    public List<String> states() {
        return received.stream().map(j -> j.path("state").asText()).toList();
    }

    public void failNext(int n) {
        failNext.set(n);
    }

    public int refused() {
        return refused.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
