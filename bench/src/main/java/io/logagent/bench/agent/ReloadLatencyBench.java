package io.logagent.bench.agent;

import io.logagent.bench.BenchContext;
import io.logagent.bench.Benchmark;
import io.logagent.bench.cluster.EtcdKeys;
import io.logagent.bench.cluster.Topics;
import io.logagent.bench.proc.ChildProcess;
import io.logagent.bench.product.Logagent;
import io.logagent.bench.report.Format;
import io.logagent.bench.report.Percentiles;
import io.logagent.bench.report.Section;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Issue #6, benchmark 5: a running agent; each repetition writes a new file with one line, then puts the host's
 * collect config with one more entry (that file) into etcd, and times put → that line read back from Kafka.
 */
public final class ReloadLatencyBench implements Benchmark {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadLatencyBench.class);
    private static final String IP = "bench-reload";

    @Override
    public String name() {
        return "reload-latency";
    }

    @Override
    public Section run(BenchContext ctx) throws Exception {
        Path dir = ctx.dir(name());
        Path logs = Files.createDirectories(dir.resolve("logs"));
        int reps = ctx.size(20, 5);
        String topic = "reload-" + System.currentTimeMillis();
        String key = "/logagent/" + IP + "/collect_config";
        Logagent logagent = new Logagent(ctx);
        logagent.warmUp();
        double[] latencies = new double[reps];
        try (Topics topics = new Topics(ctx.servers().kafka().bootstrapServers());
             EtcdKeys etcd = new EtcdKeys(ctx.servers().etcd().endpoint());
             KafkaConsumer<byte[], byte[]> consumer = consumer(ctx.servers().kafka().bootstrapServers())) {
            topics.create(topic, 1);
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            List<String> paths = new ArrayList<>();
            paths.add(logs.resolve("warm.log").toString());
            Files.writeString(Path.of(paths.get(0)), "warm-up line\n");
            etcd.put(key, EtcdKeys.collectConfig(topic, paths.toArray(String[]::new)));
            Path ini = logagent.agentIni(dir, IP, logs + "/**", "");
            try (ChildProcess agent = logagent.start("agent", "reload-agent", ini, dir)) {
                awaitValue(consumer, "warm-up line", Duration.ofSeconds(60), agent); // the agent is up and shipping
                for (int i = 0; i < reps; i++) {
                    String line = "reload line " + i + " " + System.nanoTime();
                    Path file = logs.resolve("new-" + i + ".log");
                    Files.writeString(file, line + "\n");
                    paths.add(file.toString());
                    long put = System.nanoTime();
                    etcd.put(key, EtcdKeys.collectConfig(topic, paths.toArray(String[]::new)));
                    long seen = awaitValue(consumer, line, Duration.ofSeconds(30), agent);
                    latencies[i] = (seen - put) / 1e6;
                    LOG.info("reload {}: {} ms", i, Format.num(latencies[i]));
                    Thread.sleep(200); // lets the agent settle: each repetition measures one reload, not a queue
                }
            }
        }
        Percentiles p = new Percentiles(latencies);
        Section s = new Section(name(), "reload latency, etcd put of a new entry → its file's first line in Kafka",
                List.of("repetitions", "p50 ms", "p99 ms", "max ms"));
        s.row(reps, p.p(50), p.p(99), p.max());
        s.goal("p99 ≤ 1 s", Format.num(p.p(99)) + " ms", p.p(99) <= 1000);
        s.note("Each put adds one entry to the host's list (the list grows to " + (reps + 1) + " entries). "
                + "The line is read by a consumer with fetch.max.wait.ms=10 polling the topic continuously.");
        return s;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String brokers) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
    }

    /** Polls until a record with exactly {@code value} arrives; returns System.nanoTime() of its poll. */
    private static long awaitValue(KafkaConsumer<byte[], byte[]> consumer, String value, Duration timeout,
                                   ChildProcess agent) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(5))) {
                if (value.equals(new String(r.value(), StandardCharsets.UTF_8))) {
                    return System.nanoTime();
                }
            }
            agent.checkRunning(false);
        }
        throw new IllegalStateException("'" + value + "' did not reach Kafka within " + timeout + "; see " + agent.log());
    }
}
