package io.logagent.console.monitor.series;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** The series read from Kafka with the console's admin client: the transfer group's lag and dead letters. */
public final class KafkaProbes {

    private static final long TIMEOUT_MS = 5_000;

    private final Admin admin;
    private final String groupId;
    private final String deadLetterTopic;

    public KafkaProbes(Admin admin, String groupId, String deadLetterTopic) {
        this.admin = admin;
        this.groupId = groupId;
        this.deadLetterTopic = deadLetterTopic;
    }

    /** Records written but not yet committed by the transfer's group, over every partition it has committed on. */
    public Probe consumerLag() {
        return now -> {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> ends = ends(committed.keySet().stream().toList());
            long lag = 0;
            for (var e : committed.entrySet()) {
                if (e.getValue() != null && ends.containsKey(e.getKey())) {
                    lag += Math.max(0, ends.get(e.getKey()) - e.getValue().offset());
                }
            }
            return OptionalDouble.of(lag);
        };
    }

    /** Dead letters per minute, from the end offsets of the dead-letter topic (none while the topic does not exist). */
    public Probe deadLetters() {
        CounterRate rate = new CounterRate();
        return now -> {
            OptionalDouble perSecond = rate.next(now, deadLetterTotal());
            return perSecond.isPresent() ? OptionalDouble.of(perSecond.getAsDouble() * 60) : perSecond;
        };
    }

    private double deadLetterTotal() throws Exception {
        TopicDescription topic;
        try {
            topic = admin.describeTopics(List.of(deadLetterTopic)).allTopicNames()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS).get(deadLetterTopic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return 0; // the transfer creates it with the first dead letter
            }
            throw e;
        }
        List<TopicPartition> parts = topic.partitions().stream()
                .map(p -> new TopicPartition(deadLetterTopic, p.partition())).toList();
        return ends(parts).values().stream().mapToLong(Long::longValue).sum();
    }

    private Map<TopicPartition, Long> ends(List<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> out = new HashMap<>();
        if (!latest.isEmpty()) {
            admin.listOffsets(latest).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .forEach((tp, info) -> out.put(tp, info.offset()));
        }
        return out;
    }
}
