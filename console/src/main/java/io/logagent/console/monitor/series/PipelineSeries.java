package io.logagent.console.monitor.series;

import io.logagent.console.config.ConsoleConfig;
import io.logagent.console.monitor.AgentStatuses;
import io.logagent.console.search.SearchBackend;
import org.apache.kafka.clients.admin.Admin;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The five series of the Pipeline page and where each is read from; see {@link PipelineSampler}. */
public final class PipelineSeries {

    public static final Duration WINDOW = Duration.ofHours(1);

    private PipelineSeries() {
    }

    /** @param transferHttp reads the transfers' {@code /metrics}; closed by the caller */
    public static PipelineSampler sampler(ConsoleConfig config, AgentStatuses statuses, SearchBackend search,
                                          Optional<Admin> kafka, HttpClient transferHttp, Clock clock) {
        String noKafka = ConsoleConfig.KAFKA_ADDRESS.qualifiedName() + " is empty";
        Optional<KafkaProbes> k = kafka.map(a -> new KafkaProbes(a, config.kafka().groupId(),
                config.kafka().deadLetterTopic()));
        List<java.net.URI> transfers = config.pipeline().transferMetrics();
        List<PipelineSampler.Series> series = List.of(
                PipelineSampler.Series.of("lines_in", "Lines/s in (agents)", "lines/s", new AgentLinesProbe(statuses::read)),
                PipelineSampler.Series.of("docs_indexed", "Docs/s indexed", "docs/s",
                        new IndexedDocsProbe(search, config.es().index())),
                k.map(p -> PipelineSampler.Series.of("consumer_lag", "Consumer lag", "records", p.consumerLag()))
                        .orElse(PipelineSampler.Series.off("consumer_lag", "Consumer lag", "records", noKafka)),
                transfers.isEmpty()
                        ? PipelineSampler.Series.off("bulk_latency", "Bulk latency", "ms",
                                ConsoleConfig.PIPELINE_TRANSFER_METRICS.qualifiedName() + " is empty")
                        : PipelineSampler.Series.of("bulk_latency", "Bulk latency", "ms",
                                new BulkLatencyProbe(transferHttp, transfers)),
                k.map(p -> PipelineSampler.Series.of("dead_letters", "Dead letters", "letters/min", p.deadLetters()))
                        .orElse(PipelineSampler.Series.off("dead_letters", "Dead letters", "letters/min", noKafka)));
        return new PipelineSampler(series, clock, config.pipeline().sampleInterval(), WINDOW);
    }
}
