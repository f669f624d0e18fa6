package io.logagent.bench.agent;

import io.logagent.bench.BenchContext;
import io.logagent.bench.Benchmark;
import io.logagent.bench.cluster.EtcdKeys;
import io.logagent.bench.cluster.Topics;
import io.logagent.bench.peers.FlumePeer;
import io.logagent.bench.peers.ProducerPerformancePeer;
import io.logagent.bench.peers.RsyslogPeer;
import io.logagent.bench.peers.SyslogNgPeer;
import io.logagent.bench.proc.ChildProcess;
import io.logagent.bench.proc.ProcessStats;
import io.logagent.bench.product.LogLines;
import io.logagent.bench.product.Logagent;
import io.logagent.bench.report.Format;
import io.logagent.bench.report.Section;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue #6, benchmark 1: N lines of 200 bytes already in a file, a fresh one-partition topic per contender; each
 * shipper is started and timed until the topic's end offset holds them all (start-up included, for everyone).
 * Contenders run one after the other in the same run: ProducerPerformance (the ceiling), rsyslog,
 * syslog-ng, Flume, ours.
 */
public final class AgentThroughputBench implements Benchmark {
    private static final Logger LOG = LoggerFactory.getLogger(AgentThroughputBench.class);
    private static final int LINE_BYTES = 200;
    /** The producer settings every contender uses (the agent's defaults). */
    private static final Map<String, String> PRODUCER = Map.of("acks", "all", "compression.type", "lz4",
            "linger.ms", "5", "batch.size", "262144");

    private record Outcome(String contender, long lines, double seconds, ProcessStats.Sample stats, long lost) {
        double linesPerSecond() {
            return lines / seconds;
        }
    }

    @Override
    public String name() {
        return "agent-throughput";
    }

    @Override
    public Section run(BenchContext ctx) throws Exception {
        Path dir = ctx.dir(name());
        long lines = ctx.size(3_000_000, 300_000);
        Path input = dir.resolve("input/app.log");
        LOG.info("writing {} lines of {} bytes to {}", lines, LINE_BYTES, input);
        new LogLines(LINE_BYTES).writeFile(input, lines);
        Path payloads = payloadFile(input, dir.resolve("payloads.txt"), 10_000);
        String brokers = ctx.servers().kafka().bootstrapServers();
        Logagent logagent = new Logagent(ctx);
        logagent.warmUp();

        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        try (Topics topics = new Topics(brokers); EtcdKeys etcd = new EtcdKeys(ctx.servers().etcd().endpoint())) {
            outcomes.put("ProducerPerformance", measure(topics, "producer-performance", lines, topic ->
                    ProducerPerformancePeer.start(ctx, dir.resolve("pp"), topic, lines, payloads, withBootstrap(brokers))));
            String noRsyslog = RsyslogPeer.unavailable();
            if (noRsyslog == null) {
                outcomes.put("rsyslog", measure(topics, "rsyslog", lines,
                        topic -> RsyslogPeer.start(ctx, dir.resolve("rsyslog"), input.toString(), topic, brokers)));
            } else {
                skipped.add("rsyslog: " + noRsyslog);
            }
            String noSyslogNg = SyslogNgPeer.unavailable();
            if (noSyslogNg == null) {
                outcomes.put("syslog-ng", measure(topics, "syslog-ng", lines, topic -> SyslogNgPeer.start(ctx,
                        dir.resolve("syslog-ng"), input.getParent(), input.getFileName().toString(), topic, brokers)));
            } else {
                skipped.add("syslog-ng: " + noSyslogNg);
            }
            outcomes.put("Flume", measure(topics, "flume", lines,
                    topic -> FlumePeer.start(ctx, dir.resolve("flume"), input, topic, brokers)));
            outcomes.put("logagent", measure(topics, "logagent", lines, topic -> {
                Path agentDir = dir.resolve("logagent");
                etcd.put("/logagent/bench-throughput/collect_config", EtcdKeys.collectConfig(topic, input.toString()));
                Path ini = logagent.agentIni(agentDir, "bench-throughput", dir.resolve("input") + "/**", "");
                return logagent.start("agent", "agent-throughput", ini, agentDir);
            }));
        }
        return section(lines, outcomes, skipped);
    }

    @FunctionalInterface
    private interface Launch {
        ChildProcess start(String topic) throws Exception;
    }

    private static Outcome measure(Topics topics, String contender, long lines, Launch launch) throws Exception {
        String topic = "throughput-" + contender + "-" + System.currentTimeMillis();
        topics.create(topic, 1);
        ChildProcess child = launch.start(topic);
        try {
            // ProducerPerformance exits by itself once its records are acknowledged; the others must stay up.
            boolean exits = contender.equals("producer-performance");
            Stall stall = new Stall();
            long done;
            long shipped = lines;
            try {
                done = topics.awaitEndOffset(topic, lines, Duration.ofMinutes(15), end -> {
                    child.checkRunning(exits);
                    stall.check(end, lines);
                });
            } catch (Stall.Stalled s) { // a shipper that dropped lines: timed to its last record, losses reported
                done = s.lastGrowthNanos;
                shipped = s.end;
                LOG.warn("{} stopped at {} of {} lines (dropped {})", contender, shipped, lines, lines - shipped);
            }
            ProcessStats.Sample stats = child.stats();
            Logagent.checkNotRebuilt(child);
            double seconds = (done - child.startedNanos()) / 1e9;
            Outcome o = new Outcome(contender, shipped, seconds, stats, lines - shipped);
            LOG.info("{}: {} lines in {} s = {} lines/s, {} CPU-s, peak RSS {} MB", contender, lines,
                    Format.num(seconds), Format.num(o.linesPerSecond()), Format.num(stats.cpuSeconds()),
                    Format.num(stats.peakRssMb()));
            return o;
        } finally {
            child.close();
            topics.delete(topic); // frees the broker's disk and page cache for the next contender
        }
    }

    /**
     * Ends the wait for a shipper whose topic stopped growing for 15 s with at least 90 % of the lines in it: it
     * dropped the rest (syslog-ng's kafka-c does on a full librdkafka queue) and would never finish.
     */
    private static final class Stall {
        static final class Stalled extends RuntimeException {
            final long end;
            final long lastGrowthNanos;

            Stalled(long end, long lastGrowthNanos) {
                super(null, null, false, false);
                this.end = end;
                this.lastGrowthNanos = lastGrowthNanos;
            }
        }

        private long last = -1;
        private long lastGrowthNanos = System.nanoTime();

        void check(long end, long lines) {
            long now = System.nanoTime();
            if (end != last) {
                last = end;
                lastGrowthNanos = now;
            } else if (end >= lines * 0.9 && now - lastGrowthNanos > 15_000_000_000L) {
                throw new Stalled(end, lastGrowthNanos);
            }
        }
    }

    private static Map<String, String> withBootstrap(String brokers) {
        Map<String, String> props = new LinkedHashMap<>(PRODUCER);
        props.put("bootstrap.servers", brokers);
        return props;
    }

    private Section section(long lines, Map<String, Outcome> outcomes, List<String> skipped) {
        Section s = new Section(name(), "agent throughput, " + String.format("%,d", lines) + " lines × "
                + LINE_BYTES + " B from a file to a one-partition topic",
                List.of("contender", "seconds", "lines/s", "MB/s", "CPU-s", "peak RSS MB", "vs ours (lines/s)"));
        Outcome ours = outcomes.get("logagent");
        for (Map.Entry<String, Outcome> e : outcomes.entrySet()) {
            Outcome o = e.getValue();
            s.row(e.getKey(), o.seconds(), o.linesPerSecond(), o.linesPerSecond() * LINE_BYTES / 1e6,
                    o.stats().cpuSeconds(), o.stats().peakRssMb(),
                    Format.ratio(ours.linesPerSecond() / o.linesPerSecond()));
        }
        Outcome pp = outcomes.get("ProducerPerformance");
        double vsPp = ours.linesPerSecond() / pp.linesPerSecond();
        s.goal("lines/s ≥ 0.9× ProducerPerformance", Format.ratio(vsPp), vsPp >= 0.9);
        Outcome rs = outcomes.get("rsyslog");
        if (rs != null) {
            double vsRs = ours.linesPerSecond() / rs.linesPerSecond();
            double cpu = ours.stats().cpuSeconds() / rs.stats().cpuSeconds();
            s.goal("lines/s ≥ 2× rsyslog", Format.ratio(vsRs), vsRs >= 2);
            s.goal("CPU-s ≤ 0.5× rsyslog", Format.ratio(cpu), cpu <= 0.5);
        }
        s.note("Time runs from launching the process until the topic's end offset holds every line, so JVM start-up "
                + "counts for the JVM contenders; CPU-s and peak RSS (VmHWM) are the shipper process's, read from /proc.");
        s.note("Same producer settings for all: acks=all (idempotent), lz4, linger.ms=5, batch.size=262144. "
                + "ProducerPerformance sends payloads taken from the same file (--payload-file, 10,000 lines) "
                + "without reading a file.");
        outcomes.forEach((name, o) -> {
            if (o.lost() > 0) {
                s.note(name + " dropped " + String.format("%,d", o.lost()) + " of " + String.format("%,d", lines)
                        + " lines (its topic stopped growing); its row counts the lines delivered, timed to the last.");
            }
        });
        skipped.forEach(reason -> s.note("not measured: " + reason));
        return s;
    }

    /** The first {@code n} lines of the input, without newlines, as ProducerPerformance payloads. */
    private static Path payloadFile(Path input, Path out, int n) throws IOException {
        List<String> first = new ArrayList<>(n);
        try (BufferedReader r = Files.newBufferedReader(input)) {
            for (String line = r.readLine(); line != null && first.size() < n; line = r.readLine()) {
                first.add(line);
            }
        }
        Files.write(out, first);
        return out;
    }
}
