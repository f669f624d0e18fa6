package io.logagent.transfer.consume;

import io.logagent.core.event.DeadLetterHeaders;
import io.logagent.core.kafka.KafkaProblemLog;
import io.logagent.transfer.index.Backoff;
import io.logagent.transfer.index.BulkResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Sends documents the index refused to the dead-letter topic: the original key, value and headers, plus
 * {@code dl.reason} (the cluster's error), {@code dl.topic}, {@code dl.partition}, {@code dl.offset} and
 * {@code dl.index}. Returns only when Kafka acknowledged every one, because the batch's offsets are committed
 * right after; a failed send is retried with backoff until the transfer stops. Thread-safe (the producer is).
 */
public final class DeadLetterPublisher {

    public static final String REASON = DeadLetterHeaders.REASON;
    public static final String TOPIC = DeadLetterHeaders.TOPIC;
    public static final String PARTITION = DeadLetterHeaders.PARTITION;
    public static final String OFFSET = DeadLetterHeaders.OFFSET;
    public static final String INDEX = DeadLetterHeaders.INDEX;
    private static final int MAX_REASON_CHARS = 4000;
    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final KafkaProblemLog problems;

    /** @param problems where refusals (credentials, certificates, a missing ACL) go: one named line a minute */
    public DeadLetterPublisher(Producer<byte[], byte[]> producer, String topic, Duration initialBackoff,
                               Duration maxBackoff, KafkaProblemLog problems) {
        this.producer = producer;
        this.problems = problems;
        this.topic = topic;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    public void publish(List<BulkResult.Rejected> rejected, CountDownLatch abandoned) throws InterruptedException {
        Backoff backoff = new Backoff(initialBackoff, maxBackoff);
        while (true) {
            try {
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                for (BulkResult.Rejected r : rejected) {
                    sent.add(producer.send(toRecord(r)));
                }
                for (Future<RecordMetadata> f : sent) {
                    f.get();
                }
                return;
            } catch (ExecutionException | KafkaException e) {
                // KafkaException: send() itself gave up (e.g. no metadata for the topic within max.block.ms).
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                Duration wait = backoff.next();
                if (!problems.report(cause)) {
                    log.warn("dead-letter topic {} did not take {} records, retrying in {} ms: {}", topic,
                            rejected.size(), wait.toMillis(), cause.toString());
                }
                if (abandoned.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new CancellationException("transfer stopping with dead letters unsent");
                }
            }
        }
    }

    ProducerRecord<byte[], byte[]> toRecord(BulkResult.Rejected r) {
        ConsumerRecord<byte[], byte[]> original = r.document().record();
        RecordHeaders headers = new RecordHeaders();
        for (Header h : original.headers()) {
            headers.add(h);
        }
        String reason = r.status() + " " + r.reason();
        headers.add(REASON, utf8(reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason));
        headers.add(TOPIC, utf8(original.topic()));
        headers.add(PARTITION, utf8(Integer.toString(original.partition())));
        headers.add(OFFSET, utf8(Long.toString(original.offset())));
        headers.add(INDEX, utf8(r.document().index()));
        Long timestamp = original.timestamp() >= 0 ? original.timestamp() : null;
        return new ProducerRecord<>(topic, null, timestamp, original.key(), original.value(), headers);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
