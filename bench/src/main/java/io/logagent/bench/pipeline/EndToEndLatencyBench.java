package io.logagent.bench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.logagent.bench.BenchContext;
import io.logagent.bench.Benchmark;
import io.logagent.bench.cluster.EtcdKeys;
import io.logagent.bench.cluster.Topics;
import io.logagent.bench.proc.ChildProcess;
import io.logagent.bench.product.LogLines;
import io.logagent.bench.product.Logagent;
import io.logagent.bench.product.RateWriter;
import io.logagent.bench.report.Format;
import io.logagent.bench.report.Percentiles;
import io.logagent.bench.report.Section;
import io.logagent.bench.cluster.Ports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Issue #6, benchmark 4: 5,000 lines/s for 60 s through agent → Kafka → transfer → OpenSearch, watched through the
 * console's search API. Every line carries its sequence number and write time and a token of this run; a poller
 * asks the console every 50 ms how many lines of the run are searchable ({@code total}). Lines are delivered in
 * order (one file, one partition), so when the total first reaches k, line k−1 has become searchable: its latency
 * is that poll's time minus its write time.
 */
public final class EndToEndLatencyBench implements Benchmark {
    private static final Logger LOG = LoggerFactory.getLogger(EndToEndLatencyBench.class);
    private static final String IP = "bench-e2e";
    private static final int RATE = 5_000;

    @Override
    public String name() {
        return "e2e-latency";
    }

    @Override
    public Section run(BenchContext ctx) throws Exception {
        Path dir = ctx.dir(name());
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path file = Files.createFile(logs.resolve("app.log"));
        Duration window = Duration.ofSeconds(ctx.size(60, 15));
        String token = "e2erun" + System.currentTimeMillis();
        String topic = "e2e-" + System.currentTimeMillis();
        int total = (int) (RATE * window.toSeconds());
        long[] writtenAt = new long[total + RATE];
        double[] latencies = new double[total];
        Logagent logagent = new Logagent(ctx);
        logagent.warmUp();
        LogLines lines = new LogLines(200);
        String password = "bench-" + Long.toHexString(System.nanoTime());
        int port = Ports.free();
        ctx.servers().openSearch();
        try (Topics topics = new Topics(ctx.servers().kafka().bootstrapServers());
             EtcdKeys etcd = new EtcdKeys(ctx.servers().etcd().endpoint())) {
            topics.create(topic, 1);
            etcd.put("/logagent/" + IP + "/collect_config", EtcdKeys.collectConfig(topic, file.toString()));
            try (ChildProcess transfer = logagent.start("transfer", "e2e-transfer",
                         logagent.transferIni(dir, topic, "e2e-" + topic, ""), dir);
                 ChildProcess console = logagent.start("console", "e2e-console",
                         logagent.consoleIni(dir, port, password), dir);
                 ChildProcess agent = logagent.start("agent", "e2e-agent",
                         logagent.agentIni(dir, IP, logs + "/**", ""), dir);
                 RateWriter writer = new RateWriter(List.of(file), RATE, seq -> {
                     writtenAt[(int) seq] = System.nanoTime();
                     return lines.line(Instant.now() + " " + token + " ", seq);
                 })) {
                ConsoleApi api = new ConsoleApi(port);
                api.login(password, Duration.ofSeconds(60));
                Thread.sleep(5_000); // all three started and connected
                writer.start(window);
                int seen = 0;
                long deadline = System.nanoTime() + window.toNanos() + Duration.ofSeconds(60).toNanos();
                // The writer stops at the end of the window, a few lines short of rate × seconds at most.
                while (seen < Math.min(total, writer.written()) || writer.isRunning()) {
                    if (System.nanoTime() > deadline) {
                        break;
                    }
                    JsonNode r = api.get("/api/search", "q", token, "size", "1", "from", "now-1h");
                    long now = System.nanoTime();
                    int searchable = (int) Math.min(r.path("total").asLong(), Math.min(total, writer.written()));
                    for (; seen < searchable; seen++) {
                        latencies[seen] = (now - writtenAt[seen]) / 1e6;
                    }
                    agent.checkRunning(false);
                    transfer.checkRunning(false);
                    console.checkRunning(false);
                    Thread.sleep(50);
                }
                total = (int) Math.min(total, writer.awaitDone());
                LOG.info("e2e: {} of {} lines searchable", seen, total);
                Percentiles p = new Percentiles(java.util.Arrays.copyOf(latencies, seen));
                Section s = new Section(name(), "end-to-end latency at 5,000 lines/s, write → searchable in the console",
                        List.of("lines", "searchable", "p50 ms", "p95 ms", "p99 ms", "max ms"));
                s.row(total, seen, p.p(50), p.p(95), p.p(99), p.max());
                boolean all = seen == total;
                s.goal("p99 ≤ 2 s", Format.num(p.p(99)) + " ms" + (all ? "" : " (not all lines arrived)"),
                        all && p.p(99) <= 2000);
                s.note("Polls GET /api/search?q=<run token>&size=1 every 50 ms (plus the query's own time); the "
                        + "latency of line k is the first poll whose total exceeds k. Transfer and console run with "
                        + "their defaults (flush_interval_ms=250, OpenSearch refresh 1 s).");
                return s;
            }
        }
    }
}
