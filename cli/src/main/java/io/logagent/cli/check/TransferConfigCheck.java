package io.logagent.cli.check;

import io.logagent.transfer.TransferService;
import io.logagent.transfer.config.TransferConfig;
import io.logagent.transfer.index.SearchHttp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code logagent transfer --check-config}: Kafka and the topics it would consume, and the search cluster. */
public final class TransferConfigCheck {
    private final CheckReport report;

    public TransferConfigCheck(CheckReport report) {
        this.report = report;
    }

    public void run(TransferConfig config) throws InterruptedException {
        TransferConfig.Kafka kafka = config.kafka();
        report.ok("consumer group", kafka.groupId() + ", dead letters to " + kafka.deadLetterTopic());
        try (KafkaProbe probe = new KafkaProbe(TransferService.adminProperties(kafka))) {
            if (report.probe("Kafka " + kafka.bootstrapServers(), probe::cluster)) {
                report.probe("topics", () -> topics(probe, kafka));
            }
        }
        try (SearchHttp http = SearchHttp.connect(config.index(), CheckReport.TIMEOUT, java.time.Clock.systemUTC())) {
            report.probe("search cluster " + config.index().addresses(), () -> {
                SearchHttp.Response r = http.send("GET", "/");
                if (!r.ok()) {
                    throw new IllegalStateException("HTTP " + r.status() + ": " + r.text());
                }
                return "reachable, " + SearchClusters.describe(r.text());
            });
        }
    }

    private static String topics(KafkaProbe probe, TransferConfig.Kafka kafka) throws Exception {
        List<String> found = new ArrayList<>();
        Map<String, Optional<Integer>> named = kafka.topics().isEmpty() ? Map.of() : probe.partitions(kafka.topics());
        List<String> missing = new ArrayList<>();
        named.forEach((topic, n) -> (n.isPresent() ? found : missing).add(topic));
        if (kafka.topicPattern().isPresent()) {
            Collection<String> all = probe.topicNames();
            all.stream().filter(t -> kafka.topicPattern().get().matcher(t).matches()).sorted().forEach(found::add);
        }
        return "consuming " + (found.isEmpty() ? "nothing yet" : String.join(", ", found))
                + (missing.isEmpty() ? "" : "; not created yet: " + String.join(", ", missing))
                + kafka.topicPattern().map(p -> "; and every topic matching " + p.pattern() + " when it appears")
                        .orElse("");
    }
}
