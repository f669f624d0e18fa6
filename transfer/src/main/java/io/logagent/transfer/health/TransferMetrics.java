package io.logagent.transfer.health;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The transfer's meters. Names (Prometheus form): {@code logagent_transfer_docs_indexed_total} (rate = docs/s),
 * {@code logagent_transfer_bulk_latency_seconds}, {@code logagent_transfer_bulk_retries_total} (items resent),
 * {@code logagent_transfer_dead_letters_total}, {@code logagent_transfer_json_fallbacks_total},
 * {@code logagent_transfer_buffered_docs}, {@code logagent_transfer_paused} (1 while consumption is paused) and
 * {@code logagent_transfer_consumer_lag{topic,partition}} (records between the consumer position and the log end).
 */
public final class TransferMetrics {

    private final MeterRegistry registry;
    private final Counter docsIndexed;
    private final Counter bulkRetries;
    private final Counter deadLetters;
    private final Counter jsonFallbacks;
    private final Timer bulkLatency;
    private final AtomicLong bufferedDocs = new AtomicLong();
    private final AtomicLong paused = new AtomicLong();
    private final Map<TopicPartition, AtomicLong> lag = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Gauge> lagGauges = new ConcurrentHashMap<>();

    public TransferMetrics(MeterRegistry registry) {
        this.registry = registry;
        docsIndexed = Counter.builder("logagent.transfer.docs.indexed").register(registry);
        bulkRetries = Counter.builder("logagent.transfer.bulk.retries").register(registry);
        deadLetters = Counter.builder("logagent.transfer.dead.letters").register(registry);
        jsonFallbacks = Counter.builder("logagent.transfer.json.fallbacks").register(registry);
        bulkLatency = Timer.builder("logagent.transfer.bulk.latency").register(registry);
        Gauge.builder("logagent.transfer.buffered.docs", bufferedDocs, AtomicLong::get).register(registry);
        Gauge.builder("logagent.transfer.paused", paused, AtomicLong::get).register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void indexed(int docs) {
        docsIndexed.increment(docs);
    }

    public void retried(int items) {
        bulkRetries.increment(items);
    }

    public void deadLettered(int docs) {
        deadLetters.increment(docs);
    }

    public void jsonFallback() {
        jsonFallbacks.increment();
    }

    public Timer bulkLatency() {
        return bulkLatency;
    }

    public void buffered(long docs) {
        bufferedDocs.set(docs);
    }

    public void paused(boolean isPaused) {
        paused.set(isPaused ? 1 : 0);
    }

    public void lag(TopicPartition tp, long records) {
        lag.computeIfAbsent(tp, p -> {
            AtomicLong value = new AtomicLong();
            lagGauges.put(p, Gauge.builder("logagent.transfer.consumer.lag", value, AtomicLong::get)
                    .tags(Tags.of("topic", p.topic(), "partition", Integer.toString(p.partition())))
                    .register(registry));
            return value;
        }).set(records);
    }

    /** Partitions handed to another consumer stop being reported here. */
    public void forgetLag(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            lag.remove(tp);
            Gauge g = lagGauges.remove(tp);
            if (g != null) {
                registry.remove(g);
            }
        }
    }
}
