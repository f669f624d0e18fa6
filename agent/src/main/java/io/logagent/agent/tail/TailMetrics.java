package io.logagent.agent.tail;

import io.logagent.core.collect.CollectEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/** One collector's meters, tagged with its entry's path and topic. */
final class TailMetrics {

    final Counter linesRead;
    final Counter bytesRead;
    final Counter linesCut;
    final Counter linesFiltered;
    final Counter truncations;
    final Counter errors;

    TailMetrics(MeterRegistry meters, CollectEntry entry) {
        Tags tags = Tags.of("entry", entry.path(), "topic", entry.topic());
        linesRead = Counter.builder("logagent.tail.lines").description("Lines read from files").tags(tags)
                .register(meters);
        bytesRead = Counter.builder("logagent.tail.bytes").description("Bytes read from files").baseUnit("bytes")
                .tags(tags).register(meters);
        linesCut = Counter.builder("logagent.tail.lines.cut").description("Lines cut at the maximum line size")
                .tags(tags).register(meters);
        linesFiltered = Counter.builder("logagent.tail.lines.filtered")
                .description("Events dropped by include_lines/exclude_lines").tags(tags).register(meters);
        truncations = Counter.builder("logagent.tail.truncations")
                .description("Files found shorter than the read offset (copytruncate), read again from 0")
                .tags(tags).register(meters);
        errors = Counter.builder("logagent.tail.errors").description("Read and delivery failures").tags(tags)
                .register(meters);
    }
}
