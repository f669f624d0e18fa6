package io.logagent.bench.etcd;

import io.logagent.bench.BenchContext;
import io.logagent.bench.Benchmark;
import io.logagent.bench.cluster.EtcdKeys;
import io.logagent.bench.proc.ChildProcess;
import io.logagent.bench.proc.NativeMemory;
import io.logagent.bench.proc.ProcessStats;
import io.logagent.bench.report.Format;
import io.logagent.bench.report.Section;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue #14: what the etcd client weighs in the agent's JVM. Two probes do what the agent does with etcd (get,
 * watch from the next revision, decode JSON values, a status key under a kept-alive lease), one through jetcd
 * (gRPC, Netty, Vert.x), one through etcd's JSON gateway over the JDK's HTTP client, each in a JVM with the agent's
 * flags (packaging/jvm/agent.options) while the benchmark puts the watched key 10 times a second. Both log one
 * line through SLF4J/Logback and parse with Jackson, as the agent does, so the difference is the client alone.
 */
public final class EtcdClientWeightBench implements Benchmark {
    private static final Logger LOG = LoggerFactory.getLogger(EtcdClientWeightBench.class);

    private record Outcome(long events, double peakRssMb, double rssMb, double cpuSeconds, String nmt) { }

    @Override
    public String name() {
        return "etcd-client-weight";
    }

    @Override
    public Section run(BenchContext ctx) throws Exception {
        int puts = ctx.size(300, 100);
        Map<String, Outcome> outcomes = new java.util.LinkedHashMap<>();
        try (EtcdKeys etcd = new EtcdKeys(ctx.servers().etcd().endpoint())) {
            outcomes.put("jetcd (gRPC/Netty)", probe(ctx, etcd, JetcdWatchProbe.class, puts));
            outcomes.put("JDK HttpClient + JSON gateway", probe(ctx, etcd, HttpWatchProbe.class, puts));
        }
        Section s = new Section(name(), "etcd client weight: get + watch + lease keep-alive, " + puts
                + " watched puts, agent JVM flags", List.of("client", "events seen", "peak RSS MB", "RSS at end MB",
                "CPU-s", "NMT committed at end"));
        outcomes.forEach((k, o) -> s.row(k, o.events(), o.peakRssMb(), o.rssMb(), o.cpuSeconds(), o.nmt()));
        s.note("A measurement for a decision (replace jetcd in the agent or not), no goal of its own.");
        return s;
    }

    private Outcome probe(BenchContext ctx, EtcdKeys etcd, Class<?> main, int puts) throws Exception {
        String key = "/probe/" + main.getSimpleName() + "-" + System.currentTimeMillis();
        Path dir = ctx.dir(name()).resolve(main.getSimpleName());
        Files.createDirectories(dir);
        etcd.put(key, "[]");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(ctx.home().resolve("packaging/jvm/agent.options"))) {
            if (line.startsWith("-")) {
                command.add(line.strip());
            } else if (line.contains("=") && !line.startsWith("#")) {
                env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        command.addAll(List.of("-XX:NativeMemoryTracking=summary", "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-cp", System.getProperty("java.class.path"), main.getName(),
                ctx.servers().etcd().endpoint(), key));
        try (ChildProcess child = ChildProcess.start(main.getSimpleName(), command, dir,
                dir.resolve(main.getSimpleName() + ".log"), env, ctx.children())) {
            Thread.sleep(5_000); // JVM start and the first get/watch/lease
            for (int i = 0; i < puts; i++) {
                etcd.put(key, "[{\"path\":\"/var/log/app-" + i + ".log\",\"topic\":\"t\"}]");
                Thread.sleep(100);
            }
            Thread.sleep(2_000);
            child.checkRunning(false);
            ProcessStats.Sample stats = child.stats();
            String nmt = NativeMemory.summary(child.pid(), dir.resolve("nmt.txt"));
            List<String> out = Files.readAllLines(child.log());
            long events = out.stream().filter(l -> l.startsWith("events ")).reduce((a, b) -> b)
                    .map(l -> Long.parseLong(l.substring(7).strip())).orElse(-1L);
            if (events < puts) {
                throw new IllegalStateException(main.getSimpleName() + " saw " + events + " of " + puts
                        + " puts; see " + child.log());
            }
            LOG.info("{}: {} events, peak RSS {} MB, {}", main.getSimpleName(), events, Format.num(stats.peakRssMb()), nmt);
            return new Outcome(events, stats.peakRssMb(), stats.rssMb(), stats.cpuSeconds(), nmt);
        }
    }
}
