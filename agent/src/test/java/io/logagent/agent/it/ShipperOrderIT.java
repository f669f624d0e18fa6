package io.logagent.agent.it;

import io.logagent.agent.ship.EventSink;
import io.logagent.agent.ship.KafkaShipper;
import io.logagent.agent.ship.LogEvent;
import io.logagent.core.collect.CollectEntry;
import io.logagent.stack.KafkaServer;
import io.logagent.stack.junit.RealServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Per-file order on a real broker while the producer refuses records with retriable errors: the refusal Kafka's
 * producer gives when a topic's metadata cannot be had within {@code max.block.ms} (Kafka away at that moment)
 * is injected at the producer seam, twice for every seventh line of each file, while two harvester threads keep
 * sending. Every line must arrive once, and each file's lines in the order they were read.
 */
@ExtendWith(RealServers.class)
class ShipperOrderIT {
    private static final int LINES_PER_FILE = 300;
    private final KafkaServer kafka;

    ShipperOrderIT(KafkaServer kafka) {
        this.kafka = kafka;
    }

    @Test
    void retriableRefusalsKeepEachFilesLinesInOrderOnItsPartition() throws Exception {
        String topic = Topics.unique("order");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Map<String, Integer> attempts = new ConcurrentHashMap<>();
        AtomicInteger injected = new AtomicInteger();
        KafkaProducer<byte[], byte[]> real = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new ByteArraySerializer(), new ByteArraySerializer());
        Producer<byte[], byte[]> refusing = refusing(real, record -> {
            String line = new String(record.value(), StandardCharsets.UTF_8);
            int n = Integer.parseInt(line.substring(line.indexOf(' ') + 1));
            if (n % 7 != 3 || attempts.merge(line, 1, Integer::sum) > 2) {
                return false;
            }
            injected.incrementAndGet();
            return true;
        });
        KafkaShipper shipper = new KafkaShipper(refusing, t -> 4, "h", 1_000, 1 << 20, new SimpleMeterRegistry(),
                Duration.ofMillis(20));
        AtomicInteger acked = new AtomicInteger();
        List<Exception> failed = new CopyOnWriteArrayList<>();
        EventSink.AckListener listener = new EventSink.AckListener() {
            @Override
            public void acknowledged(LogEvent event) {
                acked.incrementAndGet();
            }

            @Override
            public void failed(LogEvent event, Exception cause) {
                failed.add(cause);
            }
        };
        CollectEntry entry = CollectEntry.of("/var/log/order.log", topic);
        List<Thread> harvesters = new ArrayList<>();
        for (String file : List.of("file-a", "file-b")) {
            harvesters.add(Thread.ofPlatform().name("test-harvester-" + file).start(() -> {
                try {
                    for (int i = 0; i < LINES_PER_FILE; i++) {
                        byte[] value = (file + " " + i).getBytes(StandardCharsets.UTF_8);
                        shipper.send(new LogEvent(entry, file, entry.path(), i, i + 1, value, 1000, -1), listener);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread t : harvesters) {
            t.join(60_000);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> acked.get() + failed.size() == 2 * LINES_PER_FILE);
        shipper.stop();
        shipper.awaitStop(Duration.ofSeconds(10));

        List<Topics.Line> lines = Topics.readAtLeast(kafka.bootstrapServers(), topic, 2 * LINES_PER_FILE,
                Duration.ofSeconds(30));
        Map<String, List<Integer>> byFile = lines.stream().collect(Collectors.groupingBy(l -> l.headers().get("file_id"),
                Collectors.mapping(l -> Integer.parseInt(l.headers().get("offset")), Collectors.toList())));
        List<Integer> expected = IntStream.range(0, LINES_PER_FILE).boxed().toList();
        System.out.printf("shipper order: %d retriable refusals injected, %d records read back, in order per file: %s%n",
                injected.get(), lines.size(), byFile.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().equals(expected))));
        assertThat(failed).isEmpty();
        assertThat(injected.get()).as("refusals were injected").isEqualTo(2 * 2 * 43);
        assertThat(byFile.get("file-a")).as("file-a, in read order, once each").isEqualTo(expected);
        assertThat(byFile.get("file-b")).as("file-b, in read order, once each").isEqualTo(expected);
    }

    /**
     * {@code real}, except that a send for which {@code refuse} holds is answered as Kafka's producer answers when
     * it gave up waiting for metadata: the callback gets a retriable {@link TimeoutException} during the call and
     * the record is not taken.
     */
    @SuppressWarnings("unchecked")
    private static Producer<byte[], byte[]> refusing(Producer<byte[], byte[]> real,
                                                     Predicate<ProducerRecord<byte[], byte[]>> refuse) {
        return (Producer<byte[], byte[]>) Proxy.newProxyInstance(Producer.class.getClassLoader(),
                new Class<?>[]{Producer.class}, (proxy, method, args) -> {
                    if (method.getName().equals("send") && args.length == 2
                            && refuse.test((ProducerRecord<byte[], byte[]>) args[0])) {
                        TimeoutException e = new TimeoutException("injected: topic not present in metadata after 60000 ms");
                        ((Callback) args[1]).onCompletion(null, e);
                        return CompletableFuture.failedFuture(e);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
