package io.logagent.bench.peers;

import io.logagent.bench.BenchContext;
import io.logagent.bench.proc.ChildProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Apache Flume 1.11.0 in a JVM of its own: TAILDIR source → memory channel → Kafka sink, with the same producer
 * settings as the others (acks all, lz4, linger 5 ms, 256 KiB batches) and batches of 5,000 events per transaction.
 */
public final class FlumePeer {
    private FlumePeer() {
    }

    public static ChildProcess start(BenchContext ctx, Path dir, Path file, String topic, String brokers)
            throws Exception {
        Path conf = Files.createDirectories(dir).resolve("flume.conf");
        Files.writeString(conf, """
                a1.sources = r1
                a1.channels = c1
                a1.sinks = k1
                a1.sources.r1.type = TAILDIR
                a1.sources.r1.channels = c1
                a1.sources.r1.filegroups = f1
                a1.sources.r1.filegroups.f1 = %s
                a1.sources.r1.positionFile = %s
                a1.sources.r1.batchSize = 5000
                a1.channels.c1.type = memory
                a1.channels.c1.capacity = 200000
                a1.channels.c1.transactionCapacity = 10000
                a1.sinks.k1.type = org.apache.flume.sink.kafka.KafkaSink
                a1.sinks.k1.channel = c1
                a1.sinks.k1.kafka.bootstrap.servers = %s
                a1.sinks.k1.kafka.topic = %s
                a1.sinks.k1.flumeBatchSize = 5000
                a1.sinks.k1.kafka.producer.acks = all
                a1.sinks.k1.kafka.producer.enable.idempotence = true
                a1.sinks.k1.kafka.producer.compression.type = lz4
                a1.sinks.k1.kafka.producer.linger.ms = 5
                a1.sinks.k1.kafka.producer.batch.size = 262144
                """.formatted(file, dir.resolve("taildir_position.json"), brokers, topic));
        List<String> command = PeerJvm.command(ctx.peerClasspath("flume"),
                List.of("-Xms64m", "-Xmx512m", "-Dflume.root.logger=WARN,console"),
                "org.apache.flume.node.Application", List.of("-n", "a1", "-f", conf.toString(), "--no-reload-conf"));
        return ChildProcess.start("flume", command, dir, dir.resolve("flume.log"), Map.of(), ctx.children());
    }
}
