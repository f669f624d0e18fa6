package io.logagent.bench.peers;

import io.logagent.bench.BenchContext;
import io.logagent.bench.proc.ChildProcess;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kafka's own org.apache.kafka.tools.ProducerPerformance (kafka-tools 4.4.0): the ceiling of one producer on this
 * machine. Its payloads are lines of the benchmark's file (--payload-file), so it sends the same bytes with the
 * same producer settings as the shippers; it only skips reading a file.
 */
public final class ProducerPerformancePeer {
    private ProducerPerformancePeer() {
    }

    public static ChildProcess start(BenchContext ctx, Path dir, String topic, long records, Path payloadFile,
                                     Map<String, String> producerProps) throws Exception {
        List<String> args = new ArrayList<>(List.of("--topic", topic, "--num-records", Long.toString(records),
                "--throughput", "-1", "--payload-file", payloadFile.toString(), "--producer-props"));
        producerProps.forEach((k, v) -> args.add(k + "=" + v));
        List<String> command = PeerJvm.command(ctx.peerClasspath("kafka-tools"), List.of("-Xms32m", "-Xmx256m"),
                "org.apache.kafka.tools.ProducerPerformance", args);
        return ChildProcess.start("producer-performance", command, dir, dir.resolve("producer-performance.log"),
                Map.of(), ctx.children());
    }
}
