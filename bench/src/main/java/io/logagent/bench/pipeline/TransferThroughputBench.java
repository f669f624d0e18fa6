package io.logagent.bench.pipeline;

import io.logagent.bench.BenchContext;
import io.logagent.bench.Benchmark;
import io.logagent.bench.cluster.OpenSearchHttp;
import io.logagent.bench.cluster.Topics;
import io.logagent.bench.proc.ChildProcess;
import io.logagent.bench.proc.ProcessStats;
import io.logagent.bench.product.LogLines;
import io.logagent.bench.product.Logagent;
import io.logagent.bench.report.Format;
import io.logagent.bench.report.Section;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Issue #6, benchmark 3: N records already in a one-partition topic → all searchable in OpenSearch. The transfer
 * ({@code ./logagent transfer}, defaults: bulks of 5,000) against {@link PlainBulkLoader} (same HTTP client, same
 * batch size, same node), one after the other in the same run. Both are timed until {@code _count} shows them all.
 */
public final class TransferThroughputBench implements Benchmark {
    private static final Logger LOG = LoggerFactory.getLogger(TransferThroughputBench.class);
    private static final int BATCH = 5_000;
    private static final int LOADER_WORKERS = 4;

    @Override
    public String name() {
        return "transfer-throughput";
    }

    @Override
    public Section run(BenchContext ctx) throws Exception {
        Path dir = ctx.dir(name());
        long records = ctx.size(1_000_000, 100_000);
        String brokers = ctx.servers().kafka().bootstrapServers();
        String os = ctx.servers().openSearch().httpUrl();
        String topic = "transfer-bench-" + System.currentTimeMillis();
        Logagent logagent = new Logagent(ctx);
        logagent.warmUp();
        try (Topics topics = new Topics(brokers); OpenSearchHttp http = new OpenSearchHttp(os, 8)) {
            topics.create(topic, 1);
            produce(brokers, topic, records);

            // A cold node (just started, nothing compiled yet) would penalise whichever contender runs first.
            http.put("/warm-up-" + topic, "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0}}");
            new PlainBulkLoader(brokers, http, BATCH, LOADER_WORKERS).load(topic, Math.min(records, 50_000),
                    "warm-up-" + topic);
            http.call("DELETE", "/warm-up-" + topic);

            String baselineIndex = "baseline-" + topic;
            http.put("/" + baselineIndex, "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0}}");
            long begin = System.nanoTime();
            new PlainBulkLoader(brokers, http, BATCH, LOADER_WORKERS).load(topic, records, baselineIndex);
            long baselineDone = http.awaitCount(baselineIndex, records, Duration.ofMinutes(10), () -> { });
            double baselineSeconds = (baselineDone - begin) / 1e9;
            LOG.info("plain bulk loader: {} docs in {} s", records, Format.num(baselineSeconds));

            // patterns off first, then the defaults (patterns on): same topic, fresh indices, a group of its own each
            Timed plain = timeTransfer(logagent, dir, http, topic, records, "[transfer]\npatterns=false");
            http.call("DELETE", "/" + topic + "-*");
            Timed timed = timeTransfer(logagent, dir, http, topic, records, "");
            double transferSeconds = timed.seconds();
            ProcessStats.Sample stats = timed.stats();
            LOG.info("transfer: {} docs in {} s", records, Format.num(transferSeconds));
            http.call("DELETE", "/" + baselineIndex);

            double baselineRate = records / baselineSeconds;
            double transferRate = records / transferSeconds;
            double ratio = transferRate / baselineRate;
            Section s = new Section(name(), "transfer throughput, " + String.format("%,d", records)
                    + " records from Kafka until all are searchable",
                    List.of("contender", "seconds", "docs/s", "CPU-s", "peak RSS MB", "vs baseline"));
            s.row("plain bulk loader (" + LOADER_WORKERS + " workers)", baselineSeconds, baselineRate, null, null,
                    Format.ratio(1));
            s.row("logagent transfer (defaults, patterns on)", transferSeconds, transferRate, stats.cpuSeconds(),
                    stats.peakRssMb(), Format.ratio(ratio));
            double patternsRatio = plain.seconds() / transferSeconds;
            s.row("logagent transfer ([transfer] patterns=false)", plain.seconds(), records / plain.seconds(),
                    plain.stats().cpuSeconds(), plain.stats().peakRssMb(), Format.ratio(baselineSeconds / plain.seconds()));
            s.goal("docs/s ≥ 0.9× plain bulk loader", Format.ratio(ratio), ratio >= 0.9);
            s.goal("patterns on (defaults) ≥ 0.9× patterns off", Format.ratio(patternsRatio), patternsRatio >= 0.9);
            LOG.info("transfer with patterns: {}x of patterns off", Format.num(patternsRatio));
            s.note("Both read the same topic (" + Format.num(records) + " records of 200 B, no headers) and write "
                    + "bulks of " + BATCH + " through Apache HttpClient 5 to the same one-shard, no-replica node; "
                    + "the loader runs inside the benchmark JVM (no JVM start), the transfer is timed from its "
                    + "process start. Time ends when _count shows every document. The defaults mine patterns "
                    + "(Drain, every line masked and grouped); the patterns=false run writes no pattern fields.");
            return s;
        }
    }

    private record Timed(double seconds, ProcessStats.Sample stats) {
    }

    private static Timed timeTransfer(Logagent logagent, Path dir, OpenSearchHttp http, String topic, long records,
                                      String extra) throws Exception {
        String group = "bench-" + topic + (extra.isEmpty() ? "" : "-" + Integer.toHexString(extra.hashCode()));
        Path ini = logagent.transferIni(dir, topic, group, extra);
        try (ChildProcess transfer = logagent.start("transfer", "transfer-throughput", ini, dir)) {
            long done = http.awaitCount(topic, records, Duration.ofMinutes(10), () -> transfer.checkRunning(false));
            ProcessStats.Sample stats = transfer.stats();
            Logagent.checkNotRebuilt(transfer);
            return new Timed((done - transfer.startedNanos()) / 1e9, stats);
        }
    }

    private static void produce(String brokers, String topic, long records) throws Exception {
        LogLines lines = new LogLines(200);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144))) {
            for (long i = 0; i < records; i++) {
                byte[] line = lines.line("2026-11-30T06:00:00.000Z ", i);
                producer.send(new ProducerRecord<>(topic, Arrays.copyOf(line, line.length - 1)));
            }
            producer.flush();
        }
    }
}
