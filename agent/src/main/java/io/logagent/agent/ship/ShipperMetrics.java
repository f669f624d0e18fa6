package io.logagent.agent.ship;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The shipper's Micrometer meters; per-topic counters are looked up once per topic ({@link #forTopic}). */
final class ShipperMetrics {
    private final MeterRegistry registry;
    private final Counter retries;
    private final Counter failures;

    ShipperMetrics(MeterRegistry registry, InFlightBudget budget) {
        this.registry = registry;
        this.retries = Counter.builder("logagent.agent.kafka.retries")
                .description("Sends retried after a retriable error").register(registry);
        this.failures = Counter.builder("logagent.agent.kafka.errors")
                .description("Events that failed for good (the entry goes to ERROR)").register(registry);
        Gauge.builder("logagent.agent.kafka.in.flight.bytes", budget, InFlightBudget::bytesInFlight)
                .description("Bytes handed to Kafka and not yet acknowledged (lines + 512 B per event)")
                .baseUnit("bytes").register(registry);
        Gauge.builder("logagent.agent.kafka.in.flight.records", budget, InFlightBudget::recordsInFlight)
                .description("Records handed to Kafka and not yet acknowledged").register(registry);
    }

    /** The topic's counters (registering them is idempotent: a second call returns the same meters). */
    TopicMeters forTopic(String topic) {
        return new TopicMeters(Counter.builder("logagent.agent.kafka.records.sent")
                .description("Records acknowledged by Kafka").tag("topic", topic).register(registry),
                Counter.builder("logagent.agent.kafka.bytes.sent").description("Value bytes acknowledged by Kafka")
                        .baseUnit("bytes").tag("topic", topic).register(registry));
    }

    record TopicMeters(Counter records, Counter bytes) {
        void sent(int valueBytes) {
            records.increment();
            bytes.increment(valueBytes);
        }
    }

    void retried() {
        retries.increment();
    }

    void failed() {
        failures.increment();
    }
}
