package io.logagent.transfer.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.logagent.core.ini.IniFile;
import io.logagent.transfer.config.TransferConfig;
import io.logagent.transfer.document.DocumentBuilder;
import io.logagent.transfer.document.LevelExtractor;
import io.logagent.transfer.document.LogDocument;
import io.logagent.transfer.document.TimestampExtractor;
import io.logagent.transfer.health.TransferMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The per-status decisions of {@link BulkIndexer} against a scripted HTTP server (the real-cluster behaviour is
 * proven by the integration tests; these cases cannot be provoked on demand there).
 */
class BulkIndexerTest {

    private record Reply(int status, String body) { }

    private final ObjectMapper mapper = new ObjectMapper();
    private final Deque<Function<List<String>, Reply>> script = new ArrayDeque<>();
    private final List<List<String>> bulkBodies = Collections.synchronizedList(new ArrayList<>());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private HttpServer server;
    private SearchHttp http;
    private BulkIndexer indexer;

    @BeforeEach
    void startFakeCluster() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Reply reply = new Reply(200, "{\"acknowledged\":true}");
            if (exchange.getRequestURI().getPath().equals("/_bulk")) {
                List<String> sources = new ArrayList<>();
                List<String> lines = body.lines().toList();
                for (int i = 1; i < lines.size(); i += 2) {
                    sources.add(lines.get(i));
                }
                bulkBodies.add(sources);
                Function<List<String>, Reply> next = script.poll();
                reply = next == null ? allCreated(sources) : next.apply(sources);
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        TransferConfig.Index config = TransferConfig.from(IniFile.parse("test", "[kafka]\ntopic=t\n[es]\naddress=127.0.0.1:"
                + server.getAddress().getPort() + "\n")).index();
        http = SearchHttp.connect(config, Duration.ofSeconds(5), java.time.Clock.systemUTC());
        IndexNaming naming = new IndexNaming("logagent");
        IndexSetup setup = new IndexSetup(http, mapper, new IndexMappings(mapper, 1, 0, "json"), naming, List.of("t"));
        indexer = new BulkIndexer(http, setup, mapper, new TransferMetrics(registry), Duration.ofMillis(1),
                Duration.ofMillis(5));
    }

    @AfterEach
    void stop() {
        http.close();
        server.stop(0);
    }

    private static Reply allCreated(List<String> sources) {
        return items(sources.stream().map(s -> "{\"index\":{\"status\":201}}").toList());
    }

    private static Reply items(List<String> items) {
        return new Reply(200, "{\"errors\":true,\"items\":[" + String.join(",", items) + "]}");
    }

    private static String error(int status, String type) {
        return "{\"index\":{\"status\":" + status + ",\"error\":{\"type\":\"" + type + "\",\"reason\":\"because\"}}}";
    }

    private List<LogDocument> docs(String... lines) {
        Clock clock = Clock.systemUTC();
        DocumentBuilder builder = new DocumentBuilder(mapper, clock, new TimestampExtractor(clock, java.time.ZoneOffset.UTC),
                new LevelExtractor(), new IndexNaming("logagent"), "json");
        List<LogDocument> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            byte[] value = lines[i].getBytes(StandardCharsets.UTF_8);
            out.add(builder.build(new ConsumerRecord<>("t", 0, i, 1_000L,
                    org.apache.kafka.common.record.TimestampType.CREATE_TIME, -1, value.length, null, value,
                    new org.apache.kafka.common.header.internals.RecordHeaders(), Optional.empty())));
        }
        return out;
    }

    private BulkResult index(List<LogDocument> docs) throws InterruptedException {
        return indexer.index(docs, new CountDownLatch(1));
    }

    @Test
    void wholeRequestThrottledIsRetriedUntilStored() throws InterruptedException {
        script.add(s -> new Reply(429, "{\"error\":\"too many\"}"));
        script.add(s -> new Reply(503, "{}"));
        BulkResult result = index(docs("a", "b"));
        assertThat(result.stored()).isEqualTo(2);
        assertThat(result.rejected()).isEmpty();
        assertThat(bulkBodies).hasSize(3);
        assertThat(registry.get("logagent.transfer.bulk.retries").counter().count()).isEqualTo(4);
    }

    @Test
    void onlyFailedItemsAreRetriedAndContentErrorsAreRejected() throws InterruptedException {
        script.add(s -> items(List.of("{\"index\":{\"status\":201}}", error(429, "es_rejected_execution_exception"),
                error(400, "mapper_parsing_exception"))));
        BulkResult result = index(docs("ok", "throttled", "poison"));
        assertThat(result.stored()).isEqualTo(2);
        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.document().record().offset()).isEqualTo(2);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.reason()).contains("mapper_parsing_exception");
        });
        assertThat(bulkBodies).hasSize(2);
        assertThat(bulkBodies.get(1)).singleElement().asString().contains("\"message\":\"throttled\"");
    }

    @Test
    void parsedJsonClashIsRetriedOnceWithoutTheParsedObject() throws InterruptedException {
        script.add(s -> items(List.of(error(400, "mapper_parsing_exception"))));
        BulkResult result = index(docs("{\"n\":{\"x\":1}}"));
        assertThat(result.stored()).isEqualTo(1);
        assertThat(result.rejected()).isEmpty();
        assertThat(bulkBodies.get(0).get(0)).contains("\"json\":");
        assertThat(bulkBodies.get(1).get(0)).doesNotContain("\"json\":").contains("\"message\"");
        assertThat(registry.get("logagent.transfer.json.fallbacks").counter().count()).isEqualTo(1);
    }

    @Test
    void jsonDocumentRefusedEvenWithoutItsObjectIsDeadLettered() throws InterruptedException {
        script.add(s -> items(List.of(error(400, "mapper_parsing_exception"))));
        script.add(s -> items(List.of(error(400, "mapper_parsing_exception"))));
        BulkResult result = index(docs("{\"n\":1}"));
        assertThat(result.rejected()).hasSize(1);
        assertThat(bulkBodies).hasSize(2);
    }

    @Test
    void tooLargeRequestIsHalvedUntilItFits() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            script.add(s -> s.size() > 2 ? new Reply(413, "") : allCreated(s));
        }
        BulkResult result = index(docs("a", "b", "c", "d"));
        assertThat(result.stored()).isEqualTo(4);
        assertThat(bulkBodies).extracting(List::size).containsExactly(4, 2, 2);
    }

    @Test
    void singleDocumentTooLargeIsRejected() throws InterruptedException {
        script.add(s -> new Reply(413, ""));
        BulkResult result = index(docs("huge"));
        assertThat(result.rejected()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(413));
    }

    @Test
    void refusedCredentialsAreRetriedUntilTheClusterAcceptsThemAgain() throws InterruptedException {
        // A password rotated on the cluster before ours: the transfer must wait (the ERROR line is SearchHttp's,
        // tested in SecuredSearchIT), not die and not drop the batch.
        script.add(s -> new Reply(401, "Unauthorized"));
        script.add(s -> new Reply(403, "{\"error\":{\"type\":\"security_exception\"}}"));
        BulkResult result = index(docs("a"));
        assertThat(result.stored()).isEqualTo(1);
        assertThat(bulkBodies).hasSize(3);
        assertThat(registry.get("logagent.transfer.bulk.retries").counter().count()).isEqualTo(2);
    }

    @Test
    void abandoningStopsTheRetries() {
        for (int i = 0; i < 1000; i++) {
            script.add(s -> new Reply(503, "{}"));
        }
        CountDownLatch abandoned = new CountDownLatch(1);
        abandoned.countDown();
        assertThatThrownBy(() -> indexer.index(docs("a"), abandoned)).isInstanceOf(CancellationException.class);
    }
}
