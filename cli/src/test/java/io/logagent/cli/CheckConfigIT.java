package io.logagent.cli;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.logagent.stack.EtcdServer;
import io.logagent.stack.KafkaServer;
import io.logagent.stack.OpenSearchServer;
import io.logagent.stack.junit.RealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --check-config} of each component against the real servers: what a good config reports (exit 0), and
 * that an unknown key, an unreachable etcd or search cluster, and a path outside allow_paths are each named
 * (exit 2). The unreadable-file case needs a non-root user and is in the packaging module's InstalledHostIT.
 */
@ExtendWith(RealServers.class)
class CheckConfigIT {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final EtcdServer etcd;
    private final KafkaServer kafka;

    CheckConfigIT(EtcdServer etcd, KafkaServer kafka) {
        this.etcd = etcd;
        this.kafka = kafka;
    }

    private int run(String... args) {
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute(args);
        System.out.println(out);
        return code;
    }

    private String agentIni(String etcdAddress, Path logs, Path data) {
        return """
                [kafka]
                address=%s
                [etcd]
                address=%s
                [agent]
                data_dir=%s
                allow_paths=%s/**
                """.formatted(kafka.bootstrapServers(), etcdAddress, data, logs);
    }

    @Test
    void agentGoodConfigSaysWhatItWouldCollectAndExitsZero(@TempDir Path tmp) throws Exception {
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Files.writeString(logs.resolve("a.log"), "x\n");
        Files.writeString(logs.resolve("b.log"), "y\n");
        String ip = "10.88.0.1";
        put("/logagent/" + ip + "/collect_config", "[{\"path\":\"" + logs + "/*.log\",\"topic\":\"check_it\"},"
                + "{\"path\":\"/etc/shadow\",\"topic\":\"nope\"}]");
        Path ini = Files.writeString(tmp.resolve("agent.ini"), agentIni(etcd.endpoint(), logs, tmp.resolve("data")));

        assertThat(run("agent", "--check-config", "--config", ini.toString(), "--ip", ip)).isEqualTo(2);
        assertThat(out.toString()).contains("host IP: " + ip + " (from --ip)",
                "etcd keys: /logagent/" + ip + "/collect_config", "data_dir: " + tmp.resolve("data") + " (will be created)",
                "2 files readable", "Kafka " + kafka.bootstrapServers() + ": 1 broker")
                .contains("PROBLEM collect /etc/shadow -> nope: path '/etc/shadow' is outside [agent] allow_paths")
                .contains(": 1 problem");

        out.getBuffer().setLength(0);
        put("/logagent/" + ip + "/collect_config", "[{\"path\":\"" + logs + "/*.log\",\"topic\":\"check_it\"}]");
        assertThat(run("agent", "--check-config", "--config", ini.toString(), "--ip", ip)).isZero();
        assertThat(out.toString()).contains("2 files readable", ": OK").doesNotContain("PROBLEM");
        assertThat(tmp.resolve("data")).as("a check writes nothing").doesNotExist();
    }

    @Test
    void unknownKeyIsNamedWithItsLine(@TempDir Path tmp) throws Exception {
        Path ini = Files.writeString(tmp.resolve("agent.ini"), agentIni(etcd.endpoint(), tmp, tmp)
                .replace("[agent]", "[agent]\nallow_path=/var/log/**"));
        assertThat(run("agent", "--check-config", "--config", ini.toString(), "--ip", "10.88.0.2")).isEqualTo(2);
        assertThat(out.toString()).contains("PROBLEM ini:", "agent.ini:", "unknown key 'allow_path'", ": 1 problem");
    }

    @Test
    void unreachableEtcdIsAProblemWithinTheTimeout(@TempDir Path tmp) throws Exception {
        Path ini = Files.writeString(tmp.resolve("agent.ini"),
                agentIni("127.0.0.1:" + closedPort(), tmp, tmp.resolve("data")));
        long t0 = System.nanoTime();
        assertThat(run("agent", "--check-config", "--config", ini.toString(), "--ip", "10.88.0.3")).isEqualTo(2);
        assertThat((System.nanoTime() - t0) / 1_000_000_000).as("seconds").isLessThan(20);
        assertThat(out.toString()).containsPattern("PROBLEM etcd \\[http://127.0.0.1:\\d+]: cannot read "
                + "/logagent/10.88.0.3/collect_config: no answer within 5 s").contains("Kafka", ": 1 problem");
    }

    @Test
    void transferAndConsoleCheckTheirServers(OpenSearchServer search, @TempDir Path tmp) throws Exception {
        Path transfer = Files.writeString(tmp.resolve("transfer.ini"), """
                [kafka]
                address=%s
                topic_pattern=check_.*
                [es]
                address=%s
                """.formatted(kafka.bootstrapServers(), search.httpUrl()));
        assertThat(run("transfer", "--check-config", "--config", transfer.toString())).isZero();
        assertThat(out.toString()).contains("Kafka " + kafka.bootstrapServers() + ": 1 broker",
                "every topic matching check_.*", "reachable, opensearch", ": OK");

        out.getBuffer().setLength(0);
        Files.writeString(transfer, Files.readString(transfer).replace(search.httpUrl(), "http://127.0.0.1:" + closedPort()));
        assertThat(run("transfer", "--check-config", "--config", transfer.toString())).isEqualTo(2);
        assertThat(out.toString()).contains("PROBLEM search cluster", ": 1 problem");

        out.getBuffer().setLength(0);
        Path console = Files.writeString(tmp.resolve("console.ini"), """
                [es]
                address=%s
                [etcd]
                address=%s
                [kafka]
                address=%s
                [console]
                data_dir=%s
                """.formatted(search.httpUrl(), etcd.endpoint(), kafka.bootstrapServers(), tmp.resolve("console")));
        assertThat(run("console", "--check-config", "--config", console.toString())).isZero();
        assertThat(out.toString()).contains("etcd " + etcd.endpoint() + ": reachable", "reachable, opensearch",
                "Kafka " + kafka.bootstrapServers(), ": OK");
    }

    private void put(String key, String value) throws Exception {
        try (Client client = Client.builder().endpoints(etcd.endpoint()).build()) {
            client.getKVClient().put(ByteSequence.from(key, StandardCharsets.UTF_8),
                    ByteSequence.from(value, StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
        }
    }

    /** A port nothing listens on (bound, then closed). */
    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
