package io.logagent.console.search;

import com.sun.net.httpserver.HttpServer;
import io.logagent.console.Api;
import io.logagent.console.ConsoleFixture;
import io.logagent.console.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A download the engine breaks off says so in the file, with how many lines of how many it had sent. The engine is
 * a stand-in (one page of 1,000 hits, then a 500), since a real one cannot be made to fail on the second page.
 */
class DownloadStopTest {

    @Test
    void anEngineFailureAfterTheFirstPageEndsTheFileWithWhereItStopped(@TempDir Path dir) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HttpServer engine = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        engine.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            if (!ex.getRequestURI().getPath().endsWith("/_search")) { // the console's first contact, health
                byte[] ok = "{\"status\":\"green\"}".getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, ok.length);
                ex.getResponseBody().write(ok);
                ex.close();
                return;
            }
            boolean first = calls.incrementAndGet() % 2 == 1; // each download: one good page, then a failure
            StringBuilder body = new StringBuilder();
            if (first) {
                body.append("{\"hits\":{\"total\":{\"value\":2500},\"hits\":[");
                for (int i = 0; i < 1000; i++) {
                    body.append(i == 0 ? "" : ",").append("{\"_id\":\"").append(i).append("\",\"_index\":\"x\",\"_source\":")
                            .append("{\"message\":\"line ").append(i).append("\"},\"sort\":[").append(i).append("]}");
                }
                body.append("]}}");
            } else {
                body.append("{\"error\":{\"root_cause\":[{\"reason\":\"node left\"}],\"reason\":\"node left\"}}");
            }
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(first ? 200 : 500, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        engine.start();
        try (ConsoleFixture console = new ConsoleFixture(dir, "127.0.0.1:1",
                "http://127.0.0.1:" + engine.getAddress().getPort(), "", "logagent",
                new MutableClock(Instant.parse("2026-11-30T10:05:00Z")));
             Api api = console.admin()) {
            Api.Response r = api.get("/api/download", Map.of("format", "text"));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.raw().headers().firstValue("X-Logagent-Total")).contains("2500");
            List<String> lines = r.body().lines().toList();
            assertThat(lines).hasSize(1001);
            assertThat(lines.getFirst()).isEqualTo("line 0");
            assertThat(lines.getLast()).isEqualTo("# download stopped after 1000 of 2500 lines: "
                    + "search engine answered 500: node left");
            assertThat(calls.get()).isEqualTo(2);

            Api.Response jsonl = api.get("/api/download", Map.of("format", "jsonl"));
            assertThat(jsonl.body().lines().reduce((a, b) -> b).orElseThrow())
                    .isEqualTo("{\"_download_stopped\":\"download stopped after 1000 of 2500 lines: "
                            + "search engine answered 500: node left\"}");
        } finally {
            engine.stop(0);
        }
    }
}
