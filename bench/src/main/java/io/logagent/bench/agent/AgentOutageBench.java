package io.logagent.bench.agent;

import io.logagent.bench.BenchContext;
import io.logagent.bench.Benchmark;
import io.logagent.bench.cluster.EtcdKeys;
import io.logagent.bench.cluster.Topics;
import io.logagent.bench.proc.ChildProcess;
import io.logagent.bench.proc.NativeMemory;
import io.logagent.bench.proc.ProcessStats;
import io.logagent.bench.product.LogLines;
import io.logagent.bench.product.Logagent;
import io.logagent.bench.product.RateWriter;
import io.logagent.bench.report.Format;
import io.logagent.bench.report.Section;
import io.logagent.stack.KafkaServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue #14: the agent's memory while Kafka is down and lines keep being written (the files are the buffer). The
 * agent ships 512-byte lines at 1 MB/s across 10 files; after 20 s Kafka stops for 10 minutes (1 with --quick)
 * while the writing goes on; then Kafka starts again and every line must arrive. Peak RSS is read at the end of
 * the outage (VmHWM up to then) and again after the catch-up, which ships the backlog as fast as it can.
 */
public final class AgentOutageBench implements Benchmark {
    private static final Logger LOG = LoggerFactory.getLogger(AgentOutageBench.class);
    private static final String IP = "bench-outage";
    private static final int LINE_BYTES = 512;
    private static final int FILES = 10;
    private static final double BYTES_PER_SECOND = 1_000_000;
    private static final Duration BEFORE = Duration.ofSeconds(20);

    @Override
    public String name() {
        return "agent-outage";
    }

    @Override
    public Section run(BenchContext ctx) throws Exception {
        Duration outage = Duration.ofSeconds(ctx.size(600, 60));
        Path dir = ctx.dir(name());
        Path logs = Files.createDirectories(dir.resolve("logs"));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            files.add(Files.createFile(logs.resolve("app-" + i + ".log")));
        }
        KafkaServer kafka = ctx.servers().kafka();
        Logagent logagent = new Logagent(ctx);
        logagent.warmUp();
        LogLines lines = new LogLines(LINE_BYTES);
        String topic = "outage-" + System.currentTimeMillis();
        try (Topics topics = new Topics(kafka.bootstrapServers());
             EtcdKeys etcd = new EtcdKeys(ctx.servers().etcd().endpoint())) {
            topics.create(topic, 1);
            etcd.put("/logagent/" + IP + "/collect_config", EtcdKeys.collectConfig(topic, logs + "/*.log"));
            Path ini = logagent.agentIni(dir, IP, logs + "/**", "");
            try (ChildProcess agent = logagent.start("agent", "outage-agent", ini, dir);
                 RateWriter writer = new RateWriter(files, BYTES_PER_SECOND / LINE_BYTES,
                         seq -> lines.line("2026-11-30T06:00:00.000Z ", seq))) {
                Thread.sleep(5_000);
                agent.checkRunning(false);
                writer.start(BEFORE.plus(outage));
                Thread.sleep(BEFORE.toMillis());
                ProcessStats.Sample before = agent.stats();
                LOG.info("agent-outage: stopping Kafka for {} s (agent RSS {} MB)", outage.toSeconds(),
                        Format.num(before.rssMb()));
                kafka.stop();
                String nmt = null;
                ProcessStats.Sample down;
                try {
                    long written = writer.awaitDone();
                    agent.checkRunning(false);
                    down = agent.stats();
                    if (NativeMemory.dir() != null) {
                        nmt = NativeMemory.summary(agent.pid(), NativeMemory.dir().resolve("agent-outage.txt"));
                        LOG.info("agent-outage {}", nmt);
                    }
                    LOG.info("agent-outage: {} lines written, Kafka down: peak RSS {} MB, RSS {} MB", written,
                            Format.num(down.peakRssMb()), Format.num(down.rssMb()));
                } finally {
                    kafka.start();
                }
                String load = AgentCostBench.loadAverage();
                long written = writer.written();
                long catchUpStart = System.nanoTime();
                topics.awaitEndOffset(topic, written, Duration.ofMinutes(10), e -> agent.checkRunning(false));
                double catchUp = (System.nanoTime() - catchUpStart) / 1e9;
                ProcessStats.Sample after = agent.stats();
                Section s = new Section(name(), "agent memory while Kafka is down for " + outage.toSeconds()
                        + " s, 1 MB/s of 512-byte lines over 10 files", List.of("lines written", "RSS before MB",
                        "peak RSS up to the end of the outage MB", "RSS at the end of the outage MB",
                        "catch-up s", "peak RSS with the catch-up MB", "load 1/5/15"));
                s.row(written, before.rssMb(), down.peakRssMb(), down.rssMb(), catchUp, after.peakRssMb(), load);
                s.goal("RSS ≤ 100 MB while Kafka is down", Format.num(down.peakRssMb()) + " MB peak",
                        down.peakRssMb() <= 100);
                s.note("Every line written was in Kafka after the catch-up (end offset). The launcher's flags, default "
                        + "budgets (chan_max_size, max_in_flight_bytes).");
                if (nmt != null) {
                    s.note("At the end of the outage, " + nmt);
                }
                return s;
            } finally {
                topics.delete(topic);
            }
        }
    }
}
