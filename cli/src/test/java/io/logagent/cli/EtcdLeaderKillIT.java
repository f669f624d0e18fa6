package io.logagent.cli;

import io.logagent.core.time.Deadline;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.logagent.agent.Agent;
import io.logagent.agent.config.AgentConfig;
import io.logagent.core.etcd.EtcdClientSettings;
import io.logagent.core.etcd.EtcdClients;
import io.logagent.stack.EtcdCluster;
import io.logagent.stack.EtcdServer;
import io.logagent.stack.KafkaServer;
import io.logagent.stack.OpenSearchServer;
import io.logagent.stack.junit.RealServers;
import io.logagent.stack.tls.CertificateAuthority.Identity;
import io.logagent.transfer.TransferService;
import io.logagent.transfer.config.TransferConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #9 §2: the etcd leader killed -9 while the agent collects. Numbered lines (one rename rotation on the way)
 * go agent → Kafka → transfer → OpenSearch; meanwhile the leader dies, a config change is written to the survivors, and the dead member
 * comes back after 15 s, all over TLS with client certificates and etcd auth. Every line must be in the topic and in the index exactly once, the change must reach the agent within 5 s of being
 * written (its watch resumes on a survivor), and its status key must never disappear (its lease survives).
 */
@ExtendWith(RealServers.class)
class EtcdLeaderKillIT {
    private static final String IP = "10.88.0.9";
    private static final String KEY = "/logagent/" + IP + "/collect_config";
    private static final String STATUS_KEY = "/logagent/status/" + IP;
    private static final int LINES = 6_000;
    private static final int LINES_PER_SECOND = 400;

    private static EtcdCluster cluster;
    private static final String ROOT_PASSWORD = "root-" + UUID.randomUUID();
    private static final String AGENT_PASSWORD = "agent-" + UUID.randomUUID();
    private static Identity agentCert;
    private final KafkaServer kafka;
    private final OpenSearchServer openSearch;

    EtcdLeaderKillIT(KafkaServer kafka, OpenSearchServer openSearch) {
        this.kafka = kafka;
        this.openSearch = openSearch;
    }

    @BeforeAll
    static void startCluster() throws Exception {
        // As production runs it: TLS, client certificates and auth, so the agent's token and TLS sessions must
        // survive the leader's death too.
        cluster = EtcdClusters.start("etcd-kill", EtcdCluster.Security.TLS_CLIENT_CERT);
        cluster.enableAuth(ROOT_PASSWORD);
        EtcdClusters.addAgentUser(cluster, "agent", AGENT_PASSWORD, IP);
        agentCert = cluster.ca().issue("agent");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theAgentKeepsCollectingAndFollowingItsConfigWhenTheLeaderDies(@TempDir Path tmp) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String topic = "etcd_kill_" + suffix;
        String topic2 = "etcd_kill_added_" + suffix;
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Path file = logs.resolve("app.log");
        Path added = logs.resolve("added.log");
        Path ini = Files.writeString(tmp.resolve("agent.ini"), """
                [kafka]
                address=%s
                [etcd]
                address=%s
                timeout=5
                ca_file=%s
                cert_file=%s
                key_file=%s
                username=agent
                password=%s
                [agent]
                data_dir=%s
                allow_paths=%s/**
                """.formatted(kafka.bootstrapServers(), cluster.endpoints(), cluster.ca().certPem(), agentCert.certChainPem(),
                agentCert.keyPem(), AGENT_PASSWORD, tmp.resolve("agent"), logs));
        Path transferIni = Files.writeString(tmp.resolve("transfer.ini"), """
                [kafka]
                address=%s
                topic=%s
                group_id=etcd-kill-%s
                [es]
                address=%s
                flush_interval_ms=200
                """.formatted(kafka.bootstrapServers(), topic, suffix, openSearch.httpUrl()));
        String entry = "{\"path\":\"" + file + "\",\"topic\":\"" + topic + "\"}";
        String entry2 = "{\"path\":\"" + added + "\",\"topic\":\"" + topic2 + "\"}";

        EtcdServer.Tls tls = cluster.tls();
        try (Client admin = EtcdClients.create(new EtcdClientSettings.Values(Arrays.stream(cluster.endpoints().split(","))
                .map(URI::create).toList(), Duration.ofSeconds(5), "root", ROOT_PASSWORD, tls.ca().certPem(),
                tls.probe().certChainPem(), tls.probe().keyPem()))) {
            put(admin, KEY, "[" + entry + "]");
            Agent agent = Agent.create(AgentConfig.load(ini, IP), Clock.systemUTC());
            agent.start();
            StatusWatch status = new StatusWatch(admin);
            Thread writer = null;
            Lifecycle transfer = TransferCommand.adapt(TransferService.create(TransferConfig.load(transferIni),
                    Clock.systemUTC()));
            try {
                transfer.start();
                await().atMost(Duration.ofSeconds(20)).until(() -> agent.status().entries().size() == 1);
                await().atMost(Duration.ofSeconds(20)).until(() -> status.read() != null);
                long leaseBefore = status.read().getLease();
                status.start();

                AtomicInteger written = new AtomicInteger();
                writer = Thread.ofPlatform().name("numbered-lines").start(() -> writeLines(file, written));
                await().atMost(Duration.ofSeconds(30)).until(() -> written.get() >= LINES / 4);

                EtcdServer leader = cluster.leader();
                long killedAt = System.nanoTime();
                leader.kill();
                // Written to the survivors (etcdctl against the running members only) during the outage; right after
                // a leader dies a write may time out.
                putWithRetry(KEY, "[" + entry + "," + entry2 + "]");
                long changeWritten = System.nanoTime();
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                        .until(() -> agent.status().entries().size() == 2);
                double applySeconds = (System.nanoTime() - changeWritten) / 1e9;
                double writeAfterKill = (changeWritten - killedAt) / 1e9;

                await().atMost(Duration.ofSeconds(60)).until(() -> System.nanoTime() - killedAt > 15_000_000_000L);
                leader.start();
                writer.join(60_000);
                assertThat(writer.isAlive()).as("writer finished").isFalse();

                Map<Integer, Integer> seen = new HashMap<>();
                try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), topic)) {
                    reader.readAtLeast(LINES, Duration.ofSeconds(90)).forEach(r -> seen.merge(
                            Integer.parseInt(new String(r.value(), StandardCharsets.UTF_8).substring(5, 11)), 1, Integer::sum));
                }
                long lost = lost(seen);
                long duplicates = duplicates(seen);
                Map<Integer, Integer> indexed = indexed(topic);
                long documents = indexed.values().stream().mapToInt(i -> i).sum();
                status.stop();
                long leaseAfter = status.read().getLease();
                System.out.printf("etcd leader kill: lines %d, records %d, lost %d, duplicates %d; documents %d, lost %d, "
                                + "duplicates %d; killed %s; change "
                                + "written %.2f s after the kill, applied %.2f s after writing; status key absent %d of "
                                + "%d checks, lease %s (%x -> %x)%n", LINES, seen.values().stream().mapToInt(i -> i).sum(),
                        lost, duplicates, documents, lost(indexed), duplicates(indexed), leader.memberName(), writeAfterKill, applySeconds, status.absent.get(),
                        status.checks.get(), leaseBefore == leaseAfter ? "kept" : "renewed", leaseBefore, leaseAfter);
                assertThat(lost).isZero();
                assertThat(duplicates).isZero();
                assertThat(lost(indexed)).as("lost in the index").isZero();
                assertThat(duplicates(indexed)).as("duplicates in the index").isZero();
                assertThat(applySeconds).isLessThan(5.0);
                assertThat(status.checks.get()).isGreaterThan(10);
                assertThat(status.absent.get()).as("status key absent").isZero();
                assertThat(leaseAfter).as("the status key's lease survives the leader's death").isEqualTo(leaseBefore);
            } finally {
                status.stop();
                if (writer != null) {
                    writer.interrupt();
                }
                agent.stop();
                assertThat(agent.awaitStop(Duration.ofSeconds(30))).isTrue();
                transfer.stop(Deadline.after(Duration.ofSeconds(30), Clock.systemUTC()));
                assertThat(transfer.awaitStop(Duration.ofSeconds(30))).isTrue();
            }
        }
    }

    private static long lost(Map<Integer, Integer> seen) {
        return java.util.stream.IntStream.range(0, LINES).filter(i -> !seen.containsKey(i)).count();
    }

    private static long duplicates(Map<Integer, Integer> seen) {
        return seen.values().stream().mapToLong(n -> n - 1L).sum();
    }

    /** Line number → documents holding it, once the index (alias = topic) holds at least LINES documents. */
    private Map<Integer, Integer> indexed(String topic) throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (HttpClient http = HttpClient.newHttpClient()) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
                HttpResponse<String> count = http.send(HttpRequest.newBuilder(URI.create(openSearch.httpUrl() + "/"
                        + topic + "/_count")).build(), HttpResponse.BodyHandlers.ofString());
                return count.statusCode() == 200 && json.readTree(count.body()).get("count").asInt() >= LINES;
            });
            Thread.sleep(1_000); // a duplicate would land right behind the last line
            http.send(HttpRequest.newBuilder(URI.create(openSearch.httpUrl() + "/" + topic + "/_refresh"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> all = http.send(HttpRequest.newBuilder(URI.create(openSearch.httpUrl() + "/" + topic
                    + "/_search?size=10000&_source=message")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
            Map<Integer, Integer> seen = new HashMap<>();
            for (JsonNode hit : json.readTree(all.body()).get("hits").get("hits")) {
                seen.merge(Integer.parseInt(hit.get("_source").get("message").asText().substring(5, 11)), 1, Integer::sum);
            }
            return seen;
        }
    }

    /** LINES numbered lines at a steady rate, with one rename rotation (logrotate's default) half way. */
    private static void writeLines(Path file, AtomicInteger written) {
        long start = System.nanoTime();
        BufferedWriter out = null;
        try {
            for (int i = 0; i < LINES; i++) {
                if (i == LINES / 2 || out == null) {
                    if (out != null) {
                        out.close();
                        Files.move(file, file.resolveSibling(file.getFileName() + ".1"));
                    }
                    out = Files.newBufferedWriter(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
                out.write("line %06d of the etcd leader kill test%n".formatted(i));
                if (i % 20 == 19) {
                    out.flush();
                    long due = start + (i + 1) * 1_000_000_000L / LINES_PER_SECOND;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                written.set(i + 1);
            }
            out.close();
        } catch (Exception e) {
            throw new IllegalStateException("writer failed after " + written.get() + " lines", e);
        }
    }

    /** Reads the status key every 100 ms from a survivor-capable client and counts the times it is missing. */
    private static final class StatusWatch {
        private final Client client;
        private final AtomicBoolean running = new AtomicBoolean();
        final AtomicLong checks = new AtomicLong();
        final AtomicLong absent = new AtomicLong();
        private Thread thread;

        StatusWatch(Client client) {
            this.client = client;
        }

        KeyValue read() throws Exception {
            List<KeyValue> kvs = client.getKVClient().get(bytes(STATUS_KEY)).get(5, TimeUnit.SECONDS).getKvs();
            return kvs.isEmpty() ? null : kvs.getFirst();
        }

        void start() {
            running.set(true);
            thread = Thread.ofPlatform().name("status-watch").start(() -> {
                while (running.get()) {
                    try {
                        KeyValue kv = read();
                        checks.incrementAndGet();
                        if (kv == null) {
                            absent.incrementAndGet();
                        }
                    } catch (Exception e) {
                        // etcd has no leader for a moment: no answer is not an absent key
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        void stop() throws InterruptedException {
            running.set(false);
            if (thread != null) {
                thread.interrupt();
                thread.join(10_000);
            }
        }
    }

    private static void put(Client client, String key, String value) throws Exception {
        client.getKVClient().put(bytes(key), bytes(value)).get(5, TimeUnit.SECONDS);
    }

    private static void putWithRetry(String key, String value) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                cluster.etcdctl("put", key, value);
                System.out.printf("etcd leader kill: change written to the survivors at attempt %d%n", attempt);
                return;
            } catch (IllegalStateException e) {
                if (attempt == 20) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
