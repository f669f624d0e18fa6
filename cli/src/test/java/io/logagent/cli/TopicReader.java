package io.logagent.cli;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Reads a whole topic from the beginning, without a group, for assertions. */
final class TopicReader implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;

    TopicReader(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
    }

    /** Waits until at least {@code n} records are read (or the timeout), then reads until the end offsets. */
    List<ConsumerRecord<byte[], byte[]>> readAtLeast(int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        List<TopicPartition> partitions = List.of();
        while (System.nanoTime() < deadline) {
            var infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
                break;
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            if (out.size() >= n && caughtUp(partitions)) {
                break;
            }
        }
        return out;
    }

    private boolean caughtUp(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
    }

    @Override
    public void close() {
        consumer.close();
    }
}
