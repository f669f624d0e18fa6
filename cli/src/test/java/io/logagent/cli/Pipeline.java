package io.logagent.cli;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.logagent.agent.Agent;
import io.logagent.agent.config.AgentConfig;
import io.logagent.agent.config.HostAddress;
import io.logagent.core.ini.IniFile;
import io.logagent.stack.EtcdServer;
import io.logagent.transfer.TransferService;
import io.logagent.transfer.config.TransferConfig;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real components, in this JVM, the way {@code ./logagent agent|transfer} would run them: built from ini text,
 * started, and stopped (last first) by {@link #close()}.
 */
final class Pipeline implements AutoCloseable {
    private final EtcdServer etcd;
    private final String bootstrap;
    private final String searchUrl;
    private final Path dir;
    private final List<AutoCloseable> running = new ArrayList<>();

    Pipeline(EtcdServer etcd, String bootstrap, String searchUrl, Path dir) {
        this.etcd = etcd;
        this.bootstrap = bootstrap;
        this.searchUrl = searchUrl;
        this.dir = dir;
    }

    String agentIni(String ip, String kafkaKeys, Path logs) {
        return """
                [kafka]
                address=%s
                %s
                [etcd]
                address=%s
                timeout=3
                [agent]
                ip=%s
                data_dir=%s
                allow_paths=%s/**
                [tail]
                scan_interval_ms=100
                """.formatted(bootstrap, kafkaKeys, etcd.endpoint(), ip, dir.resolve("agent-" + ip), logs);
    }

    String transferIni(String topic, String group, String kafkaKeys) {
        return """
                [kafka]
                address=%s
                topic=%s
                group_id=%s
                %s
                [kafka.consumer]
                session.timeout.ms=6000
                heartbeat.interval.ms=1000
                [es]
                address=%s
                flush_interval_ms=200
                bulk_max_docs=500
                [transfer]
                shutdown_grace_ms=10000
                """.formatted(bootstrap, topic, group, kafkaKeys, searchUrl);
    }

    /** Writes the collect config of {@code ip}: one entry per glob, each to {@code topic}, read from the start. */
    void collect(String ip, String topic, String... globs) throws Exception {
        StringBuilder json = new StringBuilder("[");
        for (String glob : globs) {
            json.append(json.length() > 1 ? "," : "").append("{\"path\":\"").append(glob).append("\",\"topic\":\"")
                    .append(topic).append("\",\"from\":\"beginning\"}");
        }
        try (Client client = Client.builder().endpoints(etcd.endpoint()).build()) {
            client.getKVClient().put(ByteSequence.from("/logagent/" + ip + "/collect_config", StandardCharsets.UTF_8),
                    ByteSequence.from(json.append("]").toString(), StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
        }
    }

    Agent agent(String ini) throws Exception {
        Agent agent = Agent.create(AgentConfig.from(IniFile.parse("agent.ini", ini), null, new HostAddress()),
                Clock.systemUTC());
        agent.start();
        running.add(() -> {
            agent.stop();
            agent.awaitStop(Duration.ofSeconds(30));
        });
        return agent;
    }

    TransferService transfer(String ini) {
        TransferService t = TransferService.create(TransferConfig.from(IniFile.parse("transfer.ini", ini)),
                Clock.systemUTC());
        t.start();
        running.add(() -> stop(t));
        return t;
    }

    static void stop(TransferService t) throws InterruptedException {
        t.stop();
        if (!t.awaitStop(Duration.ofSeconds(30))) {
            throw new IllegalStateException("transfer did not stop within 30 s");
        }
    }

    @Override
    public void close() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        running.clear();
    }
}
