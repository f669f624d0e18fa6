package io.logagent.packaging;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Counts how often each line arrived on a topic, reading from its beginning without a consumer group. */
final class TopicLines implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final String topic;
    private final Map<String, Integer> counts = new HashMap<>();
    private boolean assigned;

    TopicLines(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        this.topic = topic;
    }

    /** Polls until {@code distinct} different lines arrived or the timeout passed; returns the distinct count. */
    int awaitDistinct(int distinct, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && counts.size() < distinct) {
            poll();
        }
        return counts.size();
    }

    private void poll() {
        if (!assigned) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos == null || infos.isEmpty()) {
                sleep();
                return;
            }
            consumer.assign(infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList());
            assigned = true;
        }
        consumer.poll(Duration.ofMillis(200)).forEach(r -> counts.merge(r.value(), 1, Integer::sum));
    }

    /** line → how often it arrived. */
    Map<String, Integer> counts() {
        return counts;
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
