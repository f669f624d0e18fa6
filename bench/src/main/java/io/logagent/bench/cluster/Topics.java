package io.logagent.bench.cluster;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/** Topic administration and the "end offset holds them all" clock of the throughput benchmarks. */
public final class Topics implements AutoCloseable {
    private static final long POLL_MS = 50;

    private final Admin admin;

    public Topics(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "logagent-bench"));
    }

    /** A fresh one-partition topic (each contender writes its own). */
    public void create(String topic, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        // The broker answers before its metadata knows the topic; a contender started now may see "unknown topic"
        // (rsyslog then drops lines and never finishes). Wait until partition 0 has an end offset.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                endOffset(topic);
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(POLL_MS);
            }
        }
    }

    public void delete(String topic) throws Exception {
        admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
    }

    public long endOffset(String topic) throws Exception {
        TopicPartition tp = new TopicPartition(topic, 0);
        return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get(10, TimeUnit.SECONDS).offset();
    }

    /**
     * Polls partition 0's end offset every 50 ms until it reaches {@code count}; returns System.nanoTime() of the
     * first poll that saw it. {@code whilePolling} gets each offset seen (progress, liveness checks).
     */
    public long awaitEndOffset(String topic, long count, Duration timeout, LongConsumer whilePolling) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long end;
            try {
                end = endOffset(topic);
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
                    throw e;
                }
                end = 0; // created a moment ago: the admin client's metadata does not know it yet
            }
            long now = System.nanoTime();
            if (end >= count) {
                return now;
            }
            whilePolling.accept(end);
            if (now > deadline) {
                throw new IllegalStateException(topic + " holds " + end + " of " + count + " records after " + timeout);
            }
            Thread.sleep(POLL_MS);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
