package io.logagent.cli;

import io.logagent.core.time.Deadline;
import com.fasterxml.jackson.databind.JsonNode;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.logagent.agent.Agent;
import io.logagent.agent.config.AgentConfig;
import io.logagent.agent.config.HostAddress;
import io.logagent.console.Api;
import io.logagent.console.ConsoleFixture;
import io.logagent.console.browser.Browser;
import io.logagent.core.ini.IniFile;
import io.logagent.stack.EtcdServer;
import io.logagent.stack.KafkaServer;
import io.logagent.stack.OpenSearchServer;
import io.logagent.stack.junit.RealServers;
import io.logagent.transfer.TransferService;
import io.logagent.transfer.config.TransferConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.logagent.console.ConsoleFixture.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Pipeline page's time series through the real pipeline: while an Agent ships lines through Kafka to a
 * TransferService that indexes them into OpenSearch, the console's own sampler (one point a second here) shows
 * non-zero lines/s in, docs/s indexed and a bulk latency read from the transfer's /metrics; headless chromium
 * draws the charts with those points.
 */
@ExtendWith(RealServers.class)
class PipelineSeriesEndToEndIT {

    static final String IP = "10.98.0.11";

    @Test
    void linesAndDocsPerSecondAppearAfterLinesFlow(EtcdServer etcd, KafkaServer kafka, OpenSearchServer openSearch,
                                                   @TempDir Path tmp) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String topic = "series_e2e_" + suffix;
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Path log = logs.resolve("app.log");
        try (Client client = Client.builder().endpoints(etcd.endpoint()).build()) {
            client.getKVClient().put(bytes("/logagent/" + IP + "/collect_config"),
                    bytes("[{\"path\":\"" + log + "\",\"topic\":\"" + topic + "\"}]")).get(10, TimeUnit.SECONDS);
        }
        int transferPort = freePort();
        Clock clock = Clock.systemUTC();
        List<Lifecycle> running = new ArrayList<>();
        try {
            Lifecycle transfer = TransferCommand.adapt(TransferService.create(TransferConfig.from(IniFile.parse("t.ini", """
                    [kafka]
                    address=%s
                    topic=%s
                    group_id=series-e2e-%s
                    [es]
                    address=%s
                    flush_interval_ms=200
                    [transfer]
                    http_port=%d
                    """.formatted(kafka.bootstrapServers(), topic, suffix, openSearch.httpUrl(), transferPort))), clock));
            transfer.start();
            running.add(transfer);
            Lifecycle agent = AgentCommand.adapt(Agent.create(AgentConfig.from(IniFile.parse("a.ini", """
                    [kafka]
                    address=%s
                    [etcd]
                    address=%s
                    status_ttl=3
                    [agent]
                    ip=%s
                    data_dir=%s
                    allow_paths=%s/**
                    """.formatted(kafka.bootstrapServers(), etcd.endpoint(), IP, tmp.resolve("agent"), logs)), null,
                    new HostAddress()), clock));
            agent.start();
            running.add(agent);
            try (ConsoleFixture console = new ConsoleFixture(tmp.resolve("console"), etcd.endpoint(),
                    openSearch.httpUrl(), kafka.bootstrapServers(), "logagent", clock, """
                    [pipeline]
                    sample_seconds=1
                    transfer_metrics=http://127.0.0.1:%d/metrics
                    """.formatted(transferPort)); Api api = console.admin()) {
                int[] written = {0};
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    List<String> batch = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        batch.add("series line " + written[0]++);
                    }
                    Files.writeString(log, String.join("\n", batch) + "\n", StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                    Map<String, Double> max = maxima(api);
                    return max.get("lines_in") > 0 && max.get("docs_indexed") > 0 && max.get("bulk_latency") > 0;
                });
                JsonNode series = api.get("/api/pipeline/series").json();
                Map<String, Double> max = maxima(api);
                System.out.printf("pipeline series after %d lines written: max per series %s%n", written[0], max);
                assertThat(series.path("interval_seconds").asInt()).isEqualTo(1);
                assertThat(series.path("series").get(0).path("capacity").asInt()).isEqualTo(3600);
                assertThat(max.get("consumer_lag")).isGreaterThanOrEqualTo(0.0); // sampled, not switched off
                for (JsonNode s : series.path("series")) {
                    assertThat(s.has("disabled")).as(s.toString()).isFalse();
                }

                try (Browser browser = Browser.open(console.server.port())) {
                    browser.openLoggedIn("#pipeline", "admin", ADMIN_PASSWORD);
                    for (String name : List.of("lines_in", "docs_indexed", "bulk_latency")) {
                        browser.waiting().until(d -> {
                            var canvas = d.findElements(By.cssSelector("canvas.series-chart[data-series=" + name + "]"));
                            return !canvas.isEmpty() && Integer.parseInt(canvas.get(0).getDomAttribute("data-points")) > 0
                                    && Double.parseDouble(canvas.get(0).getDomAttribute("data-max")) > 0;
                        });
                    }
                    // The canvas really holds a drawn line: some pixels are the line's blue.
                    Object blue = browser.js("""
                            const c = document.querySelector('canvas.series-chart[data-series=docs_indexed]');
                            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                            let n = 0;
                            for (let i = 0; i < d.length; i += 4) if (d[i + 2] > 200 && d[i] < 100 && d[i + 3] > 0) n++;
                            return n;""");
                    assertThat(((Number) blue).intValue()).as("blue pixels of the docs/s line").isGreaterThan(10);
                    assertThat(browser.driver.findElement(By.cssSelector(".series[data-series=lines_in] .series-value"))
                            .getText()).endsWith("lines/s");
                    browser.screenshot("pipeline-series");
                }
            }
        } finally {
            for (Lifecycle c : running.reversed()) {
                c.stop(Deadline.after(Duration.ofSeconds(30), Clock.systemUTC()));
                assertThat(c.awaitStop(Duration.ofSeconds(30))).as("component stopped in time").isTrue();
            }
        }
    }

    /** The largest value of each series so far (0 when it has none yet). */
    static Map<String, Double> maxima(Api api) {
        Api.Response r = api.get("/api/pipeline/series");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Map<String, Double> out = new TreeMap<>();
        for (JsonNode s : r.json().path("series")) {
            double max = 0;
            for (JsonNode p : s.path("points")) {
                if (!p.get(1).isNull()) {
                    max = Math.max(max, p.get(1).asDouble());
                }
            }
            out.put(s.path("name").asText(), max);
        }
        return out;
    }

    static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
