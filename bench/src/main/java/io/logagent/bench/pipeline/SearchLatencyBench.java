package io.logagent.bench.pipeline;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.logagent.bench.BenchContext;
import io.logagent.bench.Benchmark;
import io.logagent.bench.cluster.OpenSearchHttp;
import io.logagent.bench.cluster.Ports;
import io.logagent.bench.proc.ChildProcess;
import io.logagent.bench.product.LogLines;
import io.logagent.bench.product.Logagent;
import io.logagent.bench.report.Format;
import io.logagent.bench.report.Percentiles;
import io.logagent.bench.report.Section;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Issue #6, benchmark 6: documents shaped like the transfer's (timestamp over the last 24 h, host, level, path,
 * message) bulk-loaded straight into one index, then three kinds of query through the console's API, one at a
 * time: term + time range, full text, histogram. Loading goes around the agent and transfer on purpose: this
 * benchmark is about the console and the index, and the loading time would dominate the run otherwise.
 */
public final class SearchLatencyBench implements Benchmark {
    private static final Logger LOG = LoggerFactory.getLogger(SearchLatencyBench.class);
    private static final int BULK = 5_000;

    private final long fullDocs;

    public SearchLatencyBench(long fullDocs) {
        this.fullDocs = fullDocs;
    }

    @Override
    public String name() {
        return "search-latency";
    }

    @Override
    public Section run(BenchContext ctx) throws Exception {
        Path dir = ctx.dir(name());
        long docs = ctx.quick() ? Math.min(fullDocs, 200_000) : fullDocs;
        int reps = ctx.size(100, 20);
        String index = "search-bench-" + System.currentTimeMillis();
        Logagent logagent = new Logagent(ctx);
        logagent.warmUp();
        try (OpenSearchHttp http = new OpenSearchHttp(ctx.servers().openSearch().httpUrl(), 4)) {
            http.put("/" + index, """
                    {"settings":{"number_of_shards":1,"number_of_replicas":0,"refresh_interval":"-1"},
                     "mappings":{"properties":{"@timestamp":{"type":"date"},"host":{"type":"keyword"},
                       "level":{"type":"keyword"},"path":{"type":"keyword"},"message":{"type":"text"}}}}""");
            long begin = System.nanoTime();
            load(http, index, docs);
            http.put("/" + index + "/_settings", "{\"index\":{\"refresh_interval\":\"1s\"}}");
            http.call("POST", "/" + index + "/_refresh");
            http.call("POST", "/" + index + "/_forcemerge?max_num_segments=8");
            LOG.info("loaded {} docs in {} s", docs, Format.num((System.nanoTime() - begin) / 1e9));

            int port = Ports.free();
            String password = "bench-" + Long.toHexString(System.nanoTime());
            Path ini = logagent.consoleIni(dir, port, password);
            java.nio.file.Files.writeString(ini, java.nio.file.Files.readString(ini)
                    .replace("[es]\n", "[es]\nindex=" + index + "\n"));
            try (ChildProcess console = logagent.start("console", "search-console", ini, dir)) {
                ConsoleApi api = new ConsoleApi(port);
                api.login(password, Duration.ofSeconds(60));
                Section s = new Section(name(), "search latency through the console API, "
                        + String.format("%,d", docs) + " documents",
                        List.of("query", "API call", "p50 ms", "p95 ms", "max ms"));
                boolean allMet = true;
                String worst = "";
                double worstP95 = 0;
                for (String[] q : queries()) {
                    Percentiles p = time(api, reps, q);
                    s.row(q[0], "`" + q[1] + "?" + queryString(q) + "`", p.p(50), p.p(95), p.max());
                    allMet &= p.p(95) <= 200;
                    if (p.p(95) >= worstP95) {
                        worstP95 = p.p(95);
                        worst = q[0];
                    }
                    console.checkRunning(false);
                }
                s.goal("p95 ≤ 200 ms (every query kind)", "worst p95 " + Format.num(worstP95) + " ms (" + worst + ")",
                        allMet);
                s.note(reps + " runs of each query after 5 warm-up runs, one at a time, through GET with a session "
                        + "cookie; the console's index setting points at the loaded index.");
                if (docs < 10_000_000) {
                    s.note("Scaled down: " + String.format("%,d", docs) + " documents instead of the issue's "
                            + "10,000,000 (loading 10 M here takes ~5 min of the shared machine); "
                            + "`bin/bench search-latency --search-docs 10000000` runs the full size.");
                }
                return s;
            }
        }
    }

    private static String queryString(String[] q) {
        StringBuilder b = new StringBuilder();
        for (int i = 2; i < q.length; i += 2) {
            b.append(i == 2 ? "" : "&").append(q[i]).append('=').append(q[i + 1]);
        }
        return b.toString();
    }

    /** {label, path, param, value, …}: the three query kinds of the issue. */
    private static List<String[]> queries() {
        String[] term = {"term + time range", "/api/search", "q", "level:ERROR AND host:web-3", "from", "now-6h",
                "size", "100"};
        String[] text = {"full text", "/api/search", "q", "timeout orders", "from", "now-24h", "size", "100"};
        String[] histogram = {"histogram", "/api/histogram", "q", "level:WARN", "from", "now-24h"};
        return List.of(term, text, histogram);
    }

    private static Percentiles time(ConsoleApi api, int reps, String[] q) throws Exception {
        String[] params = java.util.Arrays.copyOfRange(q, 2, q.length);
        for (int i = 0; i < 5; i++) {
            api.get(q[1], params);
        }
        double[] ms = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t = System.nanoTime();
            api.get(q[1], params);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return new Percentiles(ms);
    }

    /** Bulk-loads on 2 threads (the node's cores), 5,000 documents per request. */
    private static void load(OpenSearchHttp http, String index, long docs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> new Thread(r, "bench-search-load"));
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int part = 0; part < 2; part++) {
                long from = part * docs / 2;
                long to = (part + 1) * docs / 2;
                parts.add(pool.submit(() -> {
                    loadRange(http, index, from, to);
                    return null;
                }));
            }
            for (Future<?> f : parts) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void loadRange(OpenSearchHttp http, String index, long from, long to) throws Exception {
        LogLines lines = new LogLines(200);
        JsonStringEncoder json = JsonStringEncoder.getInstance();
        String[] levels = {"INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"};
        String[] words = {"timeout", "orders", "connection reset", "payment", "cache miss", "retry"};
        long now = System.currentTimeMillis();
        byte[] action = ("{\"index\":{\"_index\":\"" + index + "\"}}\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream(BULK * 400);
        for (long i = from; i < to; i++) {
            String message = new String(lines.line("", i), StandardCharsets.US_ASCII).strip() + " "
                    + words[(int) (i % words.length)];
            body.write(action);
            body.write(("{\"@timestamp\":\"" + Instant.ofEpochMilli(now - (i * 7919) % 86_400_000L)
                    + "\",\"host\":\"web-" + (i % 20) + "\",\"level\":\"" + levels[(int) (i % levels.length)]
                    + "\",\"path\":\"/var/log/app/app-" + (i % 10) + ".log\",\"message\":\"")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(json.quoteAsUTF8(message));
            body.write("\"}\n".getBytes(StandardCharsets.UTF_8));
            if ((i - from + 1) % BULK == 0 || i == to - 1) {
                var r = http.post("/_bulk", body.toByteArray(), OpenSearchHttp.NDJSON);
                if (r.path("errors").asBoolean(false)) {
                    throw new IllegalStateException("bulk errors loading " + index);
                }
                body.reset();
            }
        }
    }
}
