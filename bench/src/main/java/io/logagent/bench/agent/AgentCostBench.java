package io.logagent.bench.agent;

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
import io.logagent.bench.report.Section;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue #6, benchmark 2: the agent's cost at a fixed rate: 10 MB/s of 512-byte lines across 10 files. CPU % is
 * the agent's CPU time during the writing window over its length (the start-up is outside the window); RSS is the
 * peak (VmHWM) over the whole life of the process, start-up included.
 */
public final class AgentCostBench implements Benchmark {
    private static final Logger LOG = LoggerFactory.getLogger(AgentCostBench.class);
    private static final String IP = "bench-cost";
    private static final int LINE_BYTES = 512;
    private static final int FILES = 10;
    private static final double BYTES_PER_SECOND = 10_000_000;

    @Override
    public String name() {
        return "agent-cost";
    }

    @Override
    public Section run(BenchContext ctx) throws Exception {
        Path dir = ctx.dir(name());
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Duration window = Duration.ofSeconds(ctx.size(60, 15));
        String topic = "cost-" + System.currentTimeMillis();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            files.add(Files.createFile(logs.resolve("app-" + i + ".log")));
        }
        Logagent logagent = new Logagent(ctx);
        logagent.warmUp();
        LogLines lines = new LogLines(LINE_BYTES);
        try (Topics topics = new Topics(ctx.servers().kafka().bootstrapServers());
             EtcdKeys etcd = new EtcdKeys(ctx.servers().etcd().endpoint())) {
            topics.create(topic, 1);
            etcd.put("/logagent/" + IP + "/collect_config", EtcdKeys.collectConfig(topic, logs + "/*.log"));
            Path ini = logagent.agentIni(dir, IP, logs + "/**", "");
            try (ChildProcess agent = logagent.start("agent", "cost-agent", ini, dir);
                 RateWriter writer = new RateWriter(files, BYTES_PER_SECOND / LINE_BYTES,
                         seq -> lines.line("2026-11-30T06:00:00.000Z ", seq))) {
                Thread.sleep(5_000); // start-up: JVM, etcd, first scan; not part of the steady cost
                agent.checkRunning(false);
                ProcessStats.Sample before = agent.stats();
                writer.start(window);
                long written = writer.awaitDone();
                ProcessStats.Sample after = agent.stats();
                Logagent.checkNotRebuilt(agent);
                long shipped = topics.awaitEndOffset(topic, written, Duration.ofSeconds(60), e -> agent.checkRunning(false));
                double wall = (after.atNanos() - before.atNanos()) / 1e9;
                double cpuPercent = 100 * (after.cpuSeconds() - before.cpuSeconds()) / wall;
                LOG.info("agent cost: {} lines in {} s, CPU {} %, peak RSS {} MB, RSS {} MB", written,
                        Format.num(wall), Format.num(cpuPercent), Format.num(after.peakRssMb()),
                        Format.num(after.rssMb()));
                Section s = new Section(name(), "agent cost at 10 MB/s (512-byte lines, 10 files)",
                        List.of("seconds", "lines written", "MB/s", "agent CPU % of one core", "peak RSS MB",
                                "RSS at end MB"));
                s.row(wall, written, written * (double) LINE_BYTES / wall / 1e6, cpuPercent, after.peakRssMb(),
                        after.rssMb());
                s.goal("CPU ≤ 5 % of one core", Format.num(cpuPercent) + " %", cpuPercent <= 5);
                s.goal("RSS ≤ 100 MB", Format.num(after.peakRssMb()) + " MB peak", after.peakRssMb() <= 100);
                s.note("The agent runs with the launcher's flags (./logagent agent). All " + Format.num(written)
                        + " lines were in Kafka afterwards (checked by end offset, " + (shipped > 0 ? "ok" : "?") + ").");
                return s;
            }
        }
    }
}
