package io.logagent.bench.agent;

import io.logagent.bench.BenchContext;
import io.logagent.bench.Benchmark;
import io.logagent.bench.cluster.EtcdKeys;
import io.logagent.bench.cluster.Topics;
import io.logagent.bench.peers.RsyslogPeer;
import io.logagent.bench.peers.SyslogNgPeer;
import io.logagent.bench.proc.ChildProcess;
import io.logagent.bench.proc.NativeMemory;
import io.logagent.bench.proc.ProcessStats;
import io.logagent.bench.product.LogLines;
import io.logagent.bench.product.Logagent;
import io.logagent.bench.product.RateWriter;
import io.logagent.bench.report.Format;
import io.logagent.bench.report.Section;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issues #6 and #14: the cost of shipping at a fixed rate, 10 MB/s of 512-byte lines across 10 files, for ours,
 * rsyslog and syslog-ng one after the other (same writer, fresh files and topic each). CPU % is the shipper's CPU
 * time over a window of the writing (start-up is outside it): the warm-up (first 30 s), the first minute, and the
 * steady state (30 s to the end, 2 minutes). RSS is the peak (VmHWM) over the whole life of the process.
 */
public final class AgentCostBench implements Benchmark {
    private static final Logger LOG = LoggerFactory.getLogger(AgentCostBench.class);
    private static final String IP = "bench-cost";
    private static final int LINE_BYTES = 512;
    private static final int FILES = 10;
    private static final double BYTES_PER_SECOND = 10_000_000;

    private record Outcome(long written, double mbPerSecond, double warmUpCpu, double firstMinuteCpu,
                           double steadyCpu, double peakRssMb, double endRssMb, String load) { }

    @FunctionalInterface
    private interface Launch {
        ChildProcess start(Path dir, Path logs, String topic) throws Exception;
    }

    @Override
    public String name() {
        return "agent-cost";
    }

    @Override
    public Section run(BenchContext ctx) throws Exception {
        Duration warmUp = Duration.ofSeconds(ctx.size(30, 10));
        Duration window = warmUp.plusSeconds(ctx.size(120, 30));
        String brokers = ctx.servers().kafka().bootstrapServers();
        Logagent logagent = new Logagent(ctx);
        logagent.warmUp();
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        try (Topics topics = new Topics(brokers);
             EtcdKeys etcd = new EtcdKeys(ctx.servers().etcd().endpoint())) {
            outcomes.put("logagent", measure(ctx, topics, "logagent", warmUp, window, notes, (dir, logs, topic) -> {
                etcd.put("/logagent/" + IP + "/collect_config", EtcdKeys.collectConfig(topic, logs + "/*.log"));
                return logagent.start("agent", "cost-agent", logagent.agentIni(dir, IP, logs + "/**", ""), dir);
            }));
            if (Boolean.getBoolean("logagent.bench.ours-only")) {
                notes.add("peers not measured (bin/bench --ours-only)");
                return section(outcomes, notes, warmUp, window);
            }
            String noRsyslog = RsyslogPeer.unavailable();
            if (noRsyslog == null) {
                outcomes.put("rsyslog", measure(ctx, topics, "rsyslog", warmUp, window, notes,
                        (dir, logs, topic) -> RsyslogPeer.start(ctx, dir, logs + "/*.log", topic, brokers)));
            } else {
                notes.add("not measured: rsyslog: " + noRsyslog);
            }
            String noSyslogNg = SyslogNgPeer.unavailable();
            if (noSyslogNg == null) {
                outcomes.put("syslog-ng", measure(ctx, topics, "syslog-ng", warmUp, window, notes,
                        (dir, logs, topic) -> SyslogNgPeer.start(ctx, dir, logs, "*.log", topic, brokers)));
            } else {
                notes.add("not measured: syslog-ng: " + noSyslogNg);
            }
        }
        return section(outcomes, notes, warmUp, window);
    }

    private Outcome measure(BenchContext ctx, Topics topics, String contender, Duration warmUp, Duration window,
                            List<String> notes, Launch launch) throws Exception {
        Path dir = ctx.dir(name()).resolve(contender);
        Path logs = Files.createDirectories(dir.resolve("logs"));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            files.add(Files.createFile(logs.resolve("app-" + i + ".log")));
        }
        String topic = "cost-" + contender + "-" + System.currentTimeMillis();
        topics.create(topic, 1);
        LogLines lines = new LogLines(LINE_BYTES);
        Duration firstMinute = window.compareTo(Duration.ofMinutes(1)) < 0 ? window : Duration.ofMinutes(1);
        try (ChildProcess child = launch.start(dir, logs, topic);
             RateWriter writer = new RateWriter(files, BYTES_PER_SECOND / LINE_BYTES,
                     seq -> lines.line("2026-11-30T06:00:00.000Z ", seq))) {
            Thread.sleep(5_000); // start-up: JVM, etcd, first scan; not part of the steady cost
            child.checkRunning(false);
            ProcessStats.Sample begin = child.stats();
            writer.start(window);
            ProcessStats.Sample warm = sampleAt(child, begin, warmUp);
            ProcessStats.Sample minute = firstMinute.equals(warmUp) ? warm : sampleAt(child, begin, firstMinute);
            long written = writer.awaitDone();
            ProcessStats.Sample end = child.stats();
            String load = loadAverage();
            Logagent.checkNotRebuilt(child);
            if (contender.equals("logagent") && NativeMemory.dir() != null) {
                String nmt = NativeMemory.summary(child.pid(), NativeMemory.dir().resolve("agent-cost.txt"));
                LOG.info("agent-cost {}", nmt);
                notes.add("logagent at the end of writing, " + nmt);
            }
            try {
                topics.awaitEndOffset(topic, written, Duration.ofSeconds(60), e -> child.checkRunning(false));
            } catch (IllegalStateException e) {
                if (contender.equals("logagent")) {
                    throw e;
                }
                notes.add(contender + " did not deliver every line: " + e.getMessage()); // a peer's loss, reported
            }
            Outcome o = new Outcome(written, written * (double) LINE_BYTES / seconds(begin, end) / 1e6,
                    cpu(begin, warm), cpu(begin, minute), cpu(warm, end), end.peakRssMb(), end.rssMb(), load);
            LOG.info("agent-cost {}: {} lines, CPU warm-up {} %, first minute {} %, steady {} %, "
                            + "peak RSS {} MB, load {}", contender, written, Format.num(o.warmUpCpu()),
                    Format.num(o.firstMinuteCpu()), Format.num(o.steadyCpu()), Format.num(o.peakRssMb()), load);
            return o;
        } finally {
            topics.delete(topic);
        }
    }

    private static ProcessStats.Sample sampleAt(ChildProcess child, ProcessStats.Sample begin, Duration after)
            throws InterruptedException {
        long waitMs = (begin.atNanos() + after.toNanos() - System.nanoTime()) / 1_000_000;
        if (waitMs > 0) {
            Thread.sleep(waitMs);
        }
        child.checkRunning(false);
        return child.stats();
    }

    private static double seconds(ProcessStats.Sample from, ProcessStats.Sample to) {
        return (to.atNanos() - from.atNanos()) / 1e9;
    }

    private static double cpu(ProcessStats.Sample from, ProcessStats.Sample to) {
        return 100 * (to.cpuSeconds() - from.cpuSeconds()) / seconds(from, to);
    }

    /** The 1, 5 and 15 minute load averages: the machine is shared, and CPU % is read with them in mind. */
    static String loadAverage() throws IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
        return f[0] + " " + f[1] + " " + f[2];
    }

    private Section section(Map<String, Outcome> outcomes, List<String> notes, Duration warmUp, Duration window) {
        long w = warmUp.toSeconds();
        long total = window.toSeconds();
        Section s = new Section(name(), "agent cost at 10 MB/s (512-byte lines, 10 files), " + total
                + " s of writing per contender", List.of("contender", "lines written", "MB/s",
                "CPU % warm-up (0–" + w + " s)", "CPU % first minute", "CPU % steady (" + w + "–" + total + " s)",
                "peak RSS MB", "RSS at end MB", "load 1/5/15 at end", "steady CPU vs ours"));
        Outcome ours = outcomes.get("logagent");
        outcomes.forEach((name, o) -> s.row(name, o.written(), o.mbPerSecond(), o.warmUpCpu(), o.firstMinuteCpu(),
                o.steadyCpu(), o.peakRssMb(), o.endRssMb(), o.load(), Format.ratio(ours.steadyCpu() / o.steadyCpu())));
        s.goal("RSS ≤ 100 MB", Format.num(ours.peakRssMb()) + " MB peak", ours.peakRssMb() <= 100);
        Outcome rs = outcomes.get("rsyslog");
        if (rs != null) {
            double r = ours.steadyCpu() / rs.steadyCpu();
            s.goal("steady CPU ≤ 0.5× rsyslog", Format.ratio(r), r <= 0.5);
        }
        s.goal("CPU ≤ 5 % of one core (steady)", Format.num(ours.steadyCpu()) + " %", ours.steadyCpu() <= 5);
        s.note("Ours runs with the launcher's flags (./logagent agent); rsyslog (imfile + omkafka) and syslog-ng "
                + "(wildcard-file + kafka-c) are separate instances with their own config, pid and state files, "
                + "librdkafka with lz4, linger 5 ms. Each contender's lines were all in Kafka afterwards (end offset) "
                + "unless a note below says otherwise.");
        s.note("CPU % is of one core, from /proc (user + system) over the window; peak RSS is VmHWM over the process's "
                + "life. The machine is shared with other work: the load average is printed with each row.");
        notes.forEach(s::note);
        return s;
    }
}
