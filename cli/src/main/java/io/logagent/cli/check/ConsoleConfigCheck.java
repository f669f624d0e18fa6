package io.logagent.cli.check;

import io.logagent.core.problem.ProblemReporter;
import org.slf4j.LoggerFactory;
import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcd.jetcd.Client;
import io.logagent.console.ConsoleServer;
import io.logagent.console.config.ConsoleConfig;
import io.logagent.console.etcd.EtcdKv;
import io.logagent.console.search.SearchBackend;
import io.logagent.core.problem.ProblemReporter;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.time.Clock;

/** {@code logagent console --check-config}: its data directory, etcd, the search cluster and (if set) Kafka. */
public final class ConsoleConfigCheck {
    private final CheckReport report;

    public ConsoleConfigCheck(CheckReport report) {
        this.report = report;
    }

    public void run(ConsoleConfig config) throws InterruptedException {
        report.ok("listen", config.http().scheme() + "://" + config.http().bind() + ":" + config.http().port() + "/");
        report.writableDirectory("[console] data_dir", config.dataDir());
        try (Client etcd = config.etcd().connection().connect()) {
            EtcdKv kv = new EtcdKv(etcd.getKVClient());
            report.probe("etcd " + config.etcd().endpoint(), () -> {
                int agents = kv.keys(config.etcd().statusPrefix()).size();
                return "reachable, " + agents + (agents == 1 ? " agent reports" : " agents report") + " status under "
                        + config.etcd().statusPrefix();
            });
        }
        try (HttpClient http = SearchBackend.httpClient(config.es(), CheckReport.TIMEOUT)) {
            SearchBackend search = new SearchBackend(http, new ObjectMapper(), config.es(),
                    ProblemReporter.perMinute(LoggerFactory.getLogger(ConsoleConfigCheck.class), Clock.systemUTC()));
            report.probe("search cluster " + config.es().address(), () -> "reachable, "
                    + SearchClusters.describe(search.get("/")));
        }
        if (config.kafka().address().isBlank()) {
            report.note("Kafka", "[kafka] address is empty: the pipeline page shows no lag");
        } else {
            try (KafkaProbe probe = new KafkaProbe(ConsoleServer.kafkaAdminProperties(config.kafka()))) {
                report.probe("Kafka " + config.kafka().address(), probe::cluster);
            }
        }
    }
}
