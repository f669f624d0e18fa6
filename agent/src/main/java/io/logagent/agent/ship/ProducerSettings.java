package io.logagent.agent.ship;

import io.logagent.agent.config.AgentConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.HashMap;
import java.util.Map;

/** The Kafka producer properties the agent derives from its ini; {@code [kafka.producer]} entries win over them. */
public final class ProducerSettings {

    private ProducerSettings() {
    }

    public static Map<String, Object> from(AgentConfig.Kafka kafka, String clientId) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, kafka.acks());
        // Idempotence makes the producer's own retries duplicate-free and in order; it requires acks=all.
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, Boolean.toString(kafka.acks().equals("all")));
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
        p.putAll(kafka.producerOverrides());
        return p;
    }
}
