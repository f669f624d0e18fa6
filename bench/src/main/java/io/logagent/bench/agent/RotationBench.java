package io.logagent.bench.agent;

import io.logagent.bench.BenchContext;
import io.logagent.bench.Benchmark;
import io.logagent.bench.cluster.EtcdKeys;
import io.logagent.bench.cluster.Topics;
import io.logagent.bench.proc.ChildProcess;
import io.logagent.bench.product.Logagent;
import io.logagent.bench.report.Section;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Issue #13: rotation every second while an application writes 20,000 numbered lines a second, by rename
 * ({@code create}) and by copytruncate, with the path matching the rotated names ({@code app.log*}) or not
 * ({@code app.log}); every line read back from Kafka and counted: lost (never arrived) and duplicated.
 */
public final class RotationBench implements Benchmark {
    private static final Logger LOG = LoggerFactory.getLogger(RotationBench.class);
    private static final int LINES_PER_SECOND = 20_000;
    private static final long TICK_MS = 10;

    private record Mode(String name, boolean copytruncate, boolean glob) {
    }

    @Override
    public String name() {
        return "rotation";
    }

    @Override
    public Section run(BenchContext ctx) throws Exception {
        int seconds = ctx.size(30, 6);
        Section s = new Section(name(), "rotation every second at 20,000 lines/s: lines lost and duplicated",
                List.of("rotation", "path", "lines written", "rotations", "lost", "duplicated"));
        Logagent logagent = new Logagent(ctx);
        logagent.warmUp();
        long worst = 0;
        for (Mode mode : List.of(new Mode("rename", false, true), new Mode("copytruncate", true, true),
                new Mode("copytruncate", true, false))) {
            long[] r = runMode(ctx, logagent, mode, seconds);
            s.row(mode.name(), mode.glob() ? "app.log*" : "app.log", r[0], r[1], r[2], r[3]);
            worst = Math.max(worst, r[2] + r[3]);
        }
        s.goal("nothing lost or duplicated", worst == 0 ? "none" : "see the table", worst == 0);
        s.note("One agent per row (./logagent agent, a fresh data directory), " + seconds + " s of writing, one"
                + " write() per line through one O_APPEND handle (copytruncate) or a new file per second (rename)."
                + " No peer here: Filebeat documents that copytruncate loses the lines between copy and truncate.");
        return s;
    }

    /** Returns {written, rotations, lost, duplicated}. */
    private long[] runMode(BenchContext ctx, Logagent logagent, Mode mode, int seconds) throws Exception {
        String label = mode.name() + (mode.glob() ? "-glob" : "-path");
        Path dir = ctx.dir(name()).resolve(label);
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path live = Files.createFile(logs.resolve("app.log"));
        String topic = "rotation-" + label + "-" + System.currentTimeMillis();
        String ip = "bench-rotation-" + label;
        try (Topics topics = new Topics(ctx.servers().kafka().bootstrapServers());
             EtcdKeys etcd = new EtcdKeys(ctx.servers().etcd().endpoint())) {
            topics.create(topic, 1);
            etcd.put("/logagent/" + ip + "/collect_config",
                    EtcdKeys.collectConfig(topic, mode.glob() ? logs + "/app.log*" : live.toString()));
            Path ini = logagent.agentIni(dir, ip, logs + "/**", "");
            try (ChildProcess agent = logagent.start("agent", "rotation-" + label, ini, dir)) {
                // Start-up (JVM, etcd, first scan) before the clock: a line is written until one has arrived, so
                // that no generation is rotated away before the agent looks (that would be no agent's fault).
                long warmUp = 0;
                for (long end = 0; end == 0; end = topics.endOffset(topic)) {
                    Files.writeString(live, "warm-up\n", StandardOpenOption.APPEND);
                    warmUp++;
                    agent.checkRunning(false);
                    Thread.sleep(500);
                }
                Thread.sleep(1_000);
                warmUp = topics.endOffset(topic);
                long[] written = write(live, mode, seconds);
                Logagent.checkNotRebuilt(agent);
                topics.awaitEndOffset(topic, warmUp + written[0], Duration.ofSeconds(120),
                        e -> agent.checkRunning(false));
                Thread.sleep(3_000); // duplicates would come after the last line
                int[] counts = counts(ctx.servers().kafka().bootstrapServers(), topic, (int) written[0]);
                long lost = 0;
                long duplicated = 0;
                for (int c : counts) {
                    lost += c == 0 ? 1 : 0;
                    duplicated += Math.max(0, c - 1);
                }
                LOG.info("rotation {}: {} lines, {} rotations, {} lost, {} duplicated", label, written[0], written[1],
                        lost, duplicated);
                return new long[] {written[0], written[1], lost, duplicated};
            }
        }
    }

    /** Writes numbered lines at the rate, rotating every second; returns {lines, rotations}. */
    private static long[] write(Path live, Mode mode, int seconds) throws IOException, InterruptedException {
        FileChannel out = FileChannel.open(live, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        long begin = System.nanoTime();
        long end = begin + seconds * 1_000_000_000L;
        long seq = 0;
        long rotations = 0;
        try {
            for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                long due = (now - begin) * LINES_PER_SECOND / 1_000_000_000L;
                for (; seq < due; seq++) {
                    out.write(ByteBuffer.wrap(String.format("rot %09d some payload of an ordinary log line%n", seq)
                            .getBytes(StandardCharsets.US_ASCII)));
                }
                if ((now - begin) / 1_000_000_000L > rotations) {
                    rotations++;
                    Path rotated = live.resolveSibling("app.log.1");
                    if (mode.copytruncate()) {
                        Files.copy(live, rotated, StandardCopyOption.REPLACE_EXISTING);
                        out.truncate(0);
                    } else {
                        out.close();
                        Files.move(live, rotated, StandardCopyOption.REPLACE_EXISTING);
                        out = FileChannel.open(live, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                                StandardOpenOption.APPEND);
                    }
                }
                Thread.sleep(TICK_MS);
            }
        } finally {
            out.close();
        }
        return new long[] {seq, rotations};
    }

    /** How often each line number arrived in the topic. */
    private static int[] counts(String bootstrap, String topic, int lines) {
        int[] counts = new int[lines];
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long endOffset = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < endOffset) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    String v = new String(r.value(), StandardCharsets.US_ASCII);
                    int n = v.startsWith("rot ") ? Integer.parseInt(v.substring(4, 13)) : -1; // not: warm-up lines
                    if (n >= 0 && n < lines) {
                        counts[n]++;
                    }
                }
            }
        }
        return counts;
    }
}
