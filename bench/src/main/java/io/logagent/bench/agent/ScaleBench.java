package io.logagent.bench.agent;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.logagent.bench.BenchContext;
import io.logagent.bench.Benchmark;
import io.logagent.bench.cluster.EtcdKeys;
import io.logagent.bench.cluster.Topics;
import io.logagent.bench.proc.ChildProcess;
import io.logagent.bench.proc.ProcessStats;
import io.logagent.bench.product.LogLines;
import io.logagent.bench.product.Logagent;
import io.logagent.bench.product.RateWriter;
import io.logagent.bench.report.Format;
import io.logagent.bench.report.Percentiles;
import io.logagent.bench.report.Section;
import io.logagent.core.collect.CollectConfigCodec;
import io.logagent.core.collect.CollectConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Issue #6, benchmark 7. (a) One agent tailing 1,000 files that each get one line a second: its CPU, RSS and open
 * file descriptors. (b) 500 simulated agents watching one group key in etcd (spread over 10 clients, as 500 hosts
 * would be spread over connections): one put of the group's config → time until every watcher has received and
 * decoded it (what an agent does before reconciling).
 */
public final class ScaleBench implements Benchmark {
    private static final Logger LOG = LoggerFactory.getLogger(ScaleBench.class);
    private static final String IP = "bench-scale";
    private static final int FILES = 1_000;
    private static final int WATCHERS = 500;
    private static final int CLIENTS = 10;

    @Override
    public String name() {
        return "scale";
    }

    @Override
    public Section run(BenchContext ctx) throws Exception {
        Section s = new Section(name(), "scale: 1,000 files in one agent; 500 agents watching one etcd",
                List.of("case", "measure", "value"));
        manyFiles(ctx, s);
        manyWatchers(ctx, s);
        return s;
    }

    private void manyFiles(BenchContext ctx, Section s) throws Exception {
        Path dir = ctx.dir(name());
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Duration window = Duration.ofSeconds(ctx.size(60, 20));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            files.add(Files.createFile(logs.resolve(String.format("app-%04d.log", i))));
        }
        String topic = "scale-" + System.currentTimeMillis();
        Logagent logagent = new Logagent(ctx);
        logagent.warmUp();
        LogLines lines = new LogLines(200);
        try (Topics topics = new Topics(ctx.servers().kafka().bootstrapServers());
             EtcdKeys etcd = new EtcdKeys(ctx.servers().etcd().endpoint())) {
            topics.create(topic, 1);
            etcd.put("/logagent/" + IP + "/collect_config", EtcdKeys.collectConfig(topic, logs + "/*.log"));
            try (ChildProcess agent = logagent.start("agent", "scale-agent", logagent.agentIni(dir, IP, logs + "/**", ""), dir);
                 RateWriter writer = new RateWriter(files, FILES, seq -> lines.line("2026-11-30T06:00:00.000Z ", seq))) {
                Thread.sleep(8_000); // start-up and the first scan of 1,000 files
                agent.checkRunning(false);
                ProcessStats.Sample before = agent.stats();
                writer.start(window);
                long written = writer.awaitDone();
                ProcessStats.Sample after = agent.stats();
                topics.awaitEndOffset(topic, written, Duration.ofSeconds(60), e -> agent.checkRunning(false));
                double cpu = 100 * (after.cpuSeconds() - before.cpuSeconds()) / ((after.atNanos() - before.atNanos()) / 1e9);
                s.row("1,000 files × 1 line/s, " + window.toSeconds() + " s", "agent CPU % of one core", cpu);
                s.row("", "peak RSS MB", after.peakRssMb());
                s.row("", "open file descriptors", after.fds());
                s.row("", "lines shipped", written);
                LOG.info("scale files: CPU {} %, peak RSS {} MB, fds {}", Format.num(cpu), Format.num(after.peakRssMb()),
                        after.fds());
            }
        }
    }

    private void manyWatchers(BenchContext ctx, Section s) throws Exception {
        String key = "/logagent/groups/bench-scale/collect_config";
        int reps = ctx.size(10, 3);
        String endpoint = ctx.servers().etcd().endpoint();
        CollectConfigCodec codec = new CollectConfigCodec();
        List<Client> clients = new ArrayList<>();
        List<Watch.Watcher> watchers = new ArrayList<>();
        double[] allApplied = new double[reps];
        try {
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(Client.builder().endpoints(endpoint).build());
            }
            long[] appliedAt = new long[WATCHERS];
            CountDownLatch[] round = {new CountDownLatch(WATCHERS)};
            String[] expected = {null};
            for (int w = 0; w < WATCHERS; w++) {
                int id = w;
                watchers.add(clients.get(w % CLIENTS).getWatchClient().watch(EtcdKeys.bytes(key),
                        WatchOption.builder().build(), response -> {
                            for (WatchEvent e : response.getEvents()) {
                                String value = e.getKeyValue().getValue().toString(StandardCharsets.UTF_8);
                                if (value.equals(expected[0])) {
                                    try {
                                        codec.parse(value); // an agent decodes and validates before applying
                                    } catch (CollectConfigException ex) {
                                        throw new IllegalStateException(ex);
                                    }
                                    appliedAt[id] = System.nanoTime();
                                    round[0].countDown();
                                }
                            }
                        }));
            }
            try (EtcdKeys etcd = new EtcdKeys(endpoint)) {
                etcd.put(key, "[]");
                Thread.sleep(2_000); // every watch registered
                for (int r = 0; r < reps; r++) {
                    expected[0] = EtcdKeys.collectConfig("group-topic-" + r, "/var/log/app/*.log");
                    round[0] = new CountDownLatch(WATCHERS);
                    long put = System.nanoTime();
                    etcd.put(key, expected[0]);
                    if (!round[0].await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException(round[0].getCount() + " of " + WATCHERS
                                + " watchers did not get the group's config within 30 s");
                    }
                    long last = 0;
                    for (long t : appliedAt) {
                        last = Math.max(last, t);
                    }
                    allApplied[r] = (last - put) / 1e6;
                    Thread.sleep(200);
                }
            }
        } finally {
            watchers.forEach(Watch.Watcher::close);
            clients.forEach(Client::close);
        }
        Percentiles p = new Percentiles(allApplied);
        s.row(WATCHERS + " watchers of one group key, " + reps + " puts", "put → all applied, p50 ms", p.p(50));
        s.row("", "put → all applied, max ms", p.max());
        s.note("The issue sets no numeric goal for scale; the figures are reported for tracking. The 500 agents are "
                + "watchers (10 jetcd clients × 50 watches) in the benchmark JVM, each decoding the JSON it receives.");
    }
}
