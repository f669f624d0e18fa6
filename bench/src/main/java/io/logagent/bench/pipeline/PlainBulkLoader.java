package io.logagent.bench.pipeline;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.logagent.bench.cluster.OpenSearchHttp;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The transfer benchmark's baseline: the least a Kafka → OpenSearch loader can do. One consumer reads the topic,
 * each line becomes {@code {"@timestamp","topic","message"}}, batches of {@code batchDocs} go out as _bulk
 * requests on {@code workers} threads through the same HTTP client as the transfer. No headers, parsing, retries,
 * dead letters or offset commits.
 */
final class PlainBulkLoader {
    private final String brokers;
    private final OpenSearchHttp http;
    private final int batchDocs;
    private final int workers;

    PlainBulkLoader(String brokers, OpenSearchHttp http, int batchDocs, int workers) {
        this.brokers = brokers;
        this.http = http;
        this.batchDocs = batchDocs;
        this.workers = workers;
    }

    /** Loads {@code records} records of {@code topic}'s partition 0 into {@code index}; returns when all are sent. */
    void load(String topic, long records, String index) throws Exception {
        byte[] action = ("{\"index\":{\"_index\":\"" + index + "\"}}\n").getBytes(StandardCharsets.UTF_8);
        // Bounded hand-off: when every worker is busy the consumer waits (Kafka is the buffer).
        BlockingQueue<byte[]> bulks = new ArrayBlockingQueue<>(workers);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers,
                r -> new Thread(r, "bench-bulk-" + threads.incrementAndGet()));
        byte[] poison = new byte[0];
        try {
            List<Future<?>> running = new java.util.ArrayList<>();
            for (int i = 0; i < workers; i++) {
                running.add(pool.submit(() -> {
                    for (byte[] body = bulks.take(); body != poison; body = bulks.take()) {
                        var r = http.post("/_bulk", body, OpenSearchHttp.NDJSON);
                        if (r.path("errors").asBoolean(false)) {
                            throw new IllegalStateException("bulk errors: " + r.toString().substring(0, 500));
                        }
                    }
                    return null;
                }));
            }
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batchDocs))) {
                TopicPartition tp = new TopicPartition(topic, 0);
                consumer.assign(List.of(tp));
                consumer.seekToBeginning(List.of(tp));
                ByteArrayOutputStream body = new ByteArrayOutputStream(batchDocs * 400);
                int inBody = 0;
                long seen = 0;
                JsonStringEncoder json = JsonStringEncoder.getInstance();
                while (seen < records) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        body.write(action);
                        body.write(("{\"@timestamp\":\"" + Instant.ofEpochMilli(r.timestamp()) + "\",\"topic\":\""
                                + topic + "\",\"message\":\"").getBytes(StandardCharsets.UTF_8));
                        body.write(json.quoteAsUTF8(new String(r.value(), StandardCharsets.UTF_8)));
                        body.write("\"}\n".getBytes(StandardCharsets.UTF_8));
                        seen++;
                        if (++inBody == batchDocs || seen == records) {
                            bulks.put(body.toByteArray());
                            body.reset();
                            inBody = 0;
                        }
                    }
                }
            }
            for (int i = 0; i < workers; i++) {
                bulks.put(poison);
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
