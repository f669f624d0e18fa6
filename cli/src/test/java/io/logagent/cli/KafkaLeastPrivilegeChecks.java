package io.logagent.cli;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.api.ThrowableAssert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The README's ACLs are least privilege, checked operation by operation with each component's user: the agent
 * writes its topics and nothing else, the transfer reads its topics in its groups and writes the dead-letter topic,
 * the console reads offsets only.
 */
final class KafkaLeastPrivilegeChecks {
    private final SecuredKafka kafka;

    KafkaLeastPrivilegeChecks(SecuredKafka kafka) {
        this.kafka = kafka;
    }

    void run() throws Exception {
        String topic = kafka.topic("acl", 1);
        String other = "private-acl";
        kafka.cluster.createTopic(other, 1);
        String group = SecuredKafka.GROUPS + "acl";

        // agent: writes its topics; not another topic, and it cannot read.
        try (KafkaProducer<String, String> agent = producer("agent")) {
            assertThat(agent.send(new ProducerRecord<>(topic, "from the agent")).get(30, TimeUnit.SECONDS).offset())
                    .isZero();
            refused(() -> agent.send(new ProducerRecord<>(other, "x")).get(30, TimeUnit.SECONDS),
                    TopicAuthorizationException.class);
            refused(() -> agent.send(new ProducerRecord<>(SecuredKafka.DEAD_LETTER, "x")).get(30, TimeUnit.SECONDS),
                    TopicAuthorizationException.class);
        }
        try (KafkaConsumer<String, String> agent = consumer("agent", group)) {
            agent.subscribe(List.of(topic));
            refused(() -> pollUntil(agent, 1), GroupAuthorizationException.class);
        }

        // transfer: reads its topics in its groups, writes the dead-letter topic; cannot write log topics, nor use
        // another group.
        try (KafkaConsumer<String, String> transfer = consumer("transfer", group)) {
            transfer.subscribe(List.of(topic));
            assertThat(pollUntil(transfer, 1)).extracting(ConsumerRecord::value).containsExactly("from the agent");
            transfer.commitSync();
        }
        try (KafkaConsumer<String, String> transfer = consumer("transfer", "another-group")) {
            transfer.subscribe(List.of(topic));
            refused(() -> pollUntil(transfer, 1), GroupAuthorizationException.class);
        }
        try (KafkaProducer<String, String> transfer = producer("transfer")) {
            assertThat(transfer.send(new ProducerRecord<>(SecuredKafka.DEAD_LETTER, "dead letter"))
                    .get(30, TimeUnit.SECONDS).offset()).isNotNegative();
            refused(() -> transfer.send(new ProducerRecord<>(topic, "x")).get(30, TimeUnit.SECONDS),
                    TopicAuthorizationException.class);
        }

        // console: end offsets and the group's committed offsets; no records, no writes.
        try (Admin console = Admin.create(kafka.clientProperties("console"))) {
            TopicPartition tp = new TopicPartition(topic, 0);
            assertThat(console.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get(30, TimeUnit.SECONDS)
                    .get(tp).offset()).isEqualTo(1);
            assertThat(console.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).get(tp).offset()).isEqualTo(1);
        }
        try (KafkaConsumer<String, String> console = consumer("console", null)) {
            console.assign(List.of(new TopicPartition(topic, 0)));
            console.seekToBeginning(List.of(new TopicPartition(topic, 0)));
            refused(() -> pollUntil(console, 1), TopicAuthorizationException.class);
        }
        try (KafkaProducer<String, String> console = producer("console")) {
            // Allowed to write nowhere, its idempotent producer is refused already its producer id (cluster).
            refused(() -> console.send(new ProducerRecord<>(topic, "x")).get(30, TimeUnit.SECONDS),
                    AuthorizationException.class);
        }
    }

    private static void refused(ThrowableAssert.ThrowingCallable call, Class<? extends Exception> expected) {
        assertThatThrownBy(call).satisfies(e -> {
            Throwable t = e;
            while (t != null && !expected.isInstance(t)) {
                t = t.getCause();
            }
            assertThat(t).as("refused with " + expected.getSimpleName() + ": " + e).isNotNull();
        });
    }

    private KafkaProducer<String, String> producer(String user) {
        Map<String, Object> p = kafka.clientProperties(user);
        p.put("max.block.ms", 15_000);
        p.put("delivery.timeout.ms", 30_000);
        p.put("request.timeout.ms", 10_000);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private KafkaConsumer<String, String> consumer(String user, String group) {
        Map<String, Object> p = new HashMap<>(kafka.clientProperties(user));
        if (group != null) {
            p.put("group.id", group);
        }
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    /** Polls until {@code n} records or 30 s; refusals surface as the poll's exception. */
    private static List<ConsumerRecord<String, String>> pollUntil(KafkaConsumer<String, String> c, int n) {
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (out.size() < n && System.nanoTime() < deadline) {
            c.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        return out;
    }
}
