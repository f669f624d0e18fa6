package io.logagent.agent.config;

import io.logagent.agent.ship.EventRecords;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.HashMap;
import java.util.Map;

/**
 * The Kafka producer properties the agent derives from its ini; {@code [kafka.producer]} entries win over them.
 * Here, not in {@code ship}, so that {@code ship} does not depend on {@code config} (which depends on {@code tail},
 * which sends into {@code ship}).
 */
public final class ProducerSettings {

    private static final int KAFKA_DEFAULT_MAX_REQUEST = 1 << 20;

    private ProducerSettings() {
    }

    /** Producer properties for events of at most {@code maxEventBytes} value bytes. */
    public static Map<String, Object> from(AgentConfig.Kafka kafka, int maxEventBytes, String clientId) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, kafka.acks());
        // Idempotence makes the producer's own retries duplicate-free and in order; it requires acks=all.
        boolean idempotent = kafka.acks().equals("all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, Boolean.toString(idempotent));
        if (!idempotent) {
            // Without idempotence a retried request can land after a later one of the same partition: one request
            // in flight per connection keeps a file's lines in order (idempotence keeps it with up to 5).
            p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        }
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, kafka.compression());
        p.put(ProducerConfig.LINGER_MS_CONFIG, kafka.lingerMs());
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, kafka.batchSize());
        // The in-flight budget blocks harvesters before the producer's buffer can fill, so buffer.memory is the
        // budget plus room for one open batch per partition: a full buffer (and its max.block.ms timeout) is not
        // how backpressure works here.
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, kafka.maxInFlightBytes() + 64L * kafka.batchSize());
        // A record is never expired while Kafka is away: the producer retries it, in order, until Kafka is back.
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        p.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 100);
        p.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 5_000);
        // How long send() waits for a topic's metadata; after that the shipper decides (retry if Kafka is
        // unreachable, fail the entry if Kafka answers but the topic does not exist).
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
        // A line of max_line_bytes must never be "too large" for the producer: that error is not retriable and would
        // hold its file in ERROR for good. Raising max_line_bytes above the default raises this too; then the broker's
        // message.max.bytes (or the topic's max.message.bytes) must be raised alike, or such lines fail their entry.
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Math.max(KAFKA_DEFAULT_MAX_REQUEST,
                maxEventBytes + EventRecords.RECORD_OVERHEAD_BYTES));
        p.putAll(kafka.security().clientProperties());
        p.putAll(kafka.producerOverrides());
        return p;
    }

    /**
     * Admin client properties for the {@link KafkaTopicCatalog}: the same servers, and those
     * {@code [kafka.producer]} entries an admin client knows too (TLS, SASL), so it connects the way the producer does.
     */
    public static Map<String, Object> admin(AgentConfig.Kafka kafka, String clientId, int timeoutMs) {
        Map<String, Object> p = new HashMap<>();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        p.putAll(kafka.security().clientProperties());
        kafka.producerOverrides().forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k) && !k.equals(AdminClientConfig.CLIENT_ID_CONFIG)) {
                p.put(k, v);
            }
        });
        return p;
    }
}
