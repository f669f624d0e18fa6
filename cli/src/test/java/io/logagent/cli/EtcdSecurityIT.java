package io.logagent.cli;

import io.logagent.core.time.Deadline;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.logagent.agent.Agent;
import io.logagent.agent.config.AgentConfig;
import io.logagent.agent.source.EtcdTrouble;
import io.logagent.console.ConsoleServer;
import io.logagent.console.config.ConsoleConfig;
import io.logagent.core.etcd.EtcdClientSettings;
import io.logagent.core.etcd.EtcdClients;
import io.logagent.core.etcd.EtcdProblems;
import io.logagent.core.problem.ConnectionProblem;
import io.logagent.stack.EtcdCluster;
import io.logagent.stack.EtcdServer;
import io.logagent.stack.KafkaServer;
import io.logagent.stack.junit.RealServers;
import io.logagent.stack.tls.CertificateAuthority;
import io.logagent.stack.tls.CertificateAuthority.Identity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

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
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * etcd as production runs it: a 3-member cluster serving TLS only, requiring client certificates, with auth on
 * and least-privilege roles. The agent collects with its own user (reads its host key and its group's, writes only
 * its status key), the console's editor writes the collect config; every wrong credential or certificate stops
 * the agent at start with exit code 2 and one ERROR line naming the server and the setting to fix.
 */
@ExtendWith(RealServers.class)
class EtcdSecurityIT {
    private static final String IP = "10.77.0.5";
    private static final String OTHER_IP = "10.77.0.6";
    private static final String AGENT_USER = "agent-" + IP;
    private static final String AGENT_PASSWORD = "agent-" + UUID.randomUUID();
    private static final String EDITOR_PASSWORD = "console-" + UUID.randomUUID();
    private static final String ADMIN_PASSWORD = "admin-" + UUID.randomUUID();

    private static EtcdCluster cluster;
    private static CertificateAuthority ca;
    private static Identity agentCert;
    private static Identity consoleCert;

    private final KafkaServer kafka;

    EtcdSecurityIT(KafkaServer kafka) {
        this.kafka = kafka;
    }

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = EtcdClusters.start("etcd-secure", EtcdCluster.Security.TLS_CLIENT_CERT);
        cluster.enableAuth("root-" + UUID.randomUUID());
        EtcdClusters.addAgentUser(cluster, AGENT_USER, AGENT_PASSWORD, IP, "web");
        EtcdClusters.addEditorUser(cluster, "console", EDITOR_PASSWORD);
        ca = cluster.ca();
        // keytool runs are JVM starts, seconds each on a busy box: issue in parallel.
        List<Identity> issued = List.of(AGENT_USER, "console").parallelStream().map(ca::issue).toList();
        agentCert = issued.get(0);
        consoleCert = issued.get(1);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theAgentCollectsWhatTheConsolesEditorWrote(@TempDir Path tmp) throws Exception {
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Path file = logs.resolve("app.log");
        String topic = "secure_etcd_" + UUID.randomUUID().toString().substring(0, 8);
        ConsoleConfig consoleConfig = ConsoleConfig.load(consoleIni(tmp, EDITOR_PASSWORD));
        ConsoleServer console = ConsoleServer.create(consoleConfig, Clock.systemUTC());
        Lifecycle consoleLife = ConsoleCommand.adapt(console);
        consoleLife.start();
        Agent agent = null;
        try {
            String value = "[{\"path\":\"" + file + "\",\"topic\":\"" + topic + "\"}]";
            HttpResponse<String> put = putHostConfig(console.port(), IP, value);
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

            // A short status TTL: the status is rewritten every 2 s, so a lost permission shows within seconds.
            agent = Agent.create(AgentConfig.load(agentIni(tmp, logs, cluster.endpoints(), Map.of("status_ttl", "3")),
                    IP), Clock.systemUTC());
            agent.start();
            Agent running = agent;
            // The file appears once its collector runs, so it is read from its start (not tailed from its end).
            await().atMost(Duration.ofSeconds(20)).until(() -> running.status().entries().size() == 1);
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                lines.add("secure line " + i);
            }
            Files.writeString(file, String.join("\n", lines) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), topic)) {
                assertThat(reader.readAtLeast(50, Duration.ofSeconds(60)))
                        .extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactlyElementsOf(lines);
            }
            // Its status is in etcd (written by its own user), read back by the console's editor.
            try (Client editor = EtcdClients.create(consoleConfig.etcd().connection())) {
                await().atMost(Duration.ofSeconds(20)).until(() -> editor.getKVClient()
                        .get(bytes("/logagent/status/" + IP)).get(5, TimeUnit.SECONDS).getCount() == 1);
            }
            assertThat(agent.status().configError()).isNull();

            // Later failures do not stop the agent: they show in its status, logged once however often it retries.
            ListAppender<ILoggingEvent> errors = capture(EtcdTrouble.class);
            try {
                cluster.etcdctl("role", "revoke-permission", AGENT_USER, "/logagent/status/" + IP);
                String denied = "etcd " + cluster.endpoints() + " refused user '" + AGENT_USER + "' to write /logagent/status/"
                        + IP + ": permission denied";
                await().atMost(Duration.ofSeconds(20)).until(() -> String.valueOf(running.status().configError())
                        .contains(denied));
                Thread.sleep(5_000); // five more failed writes, one a second
                assertThat(errors.list).filteredOn(e -> e.getLevel() == Level.ERROR)
                        .extracting(ILoggingEvent::getFormattedMessage).singleElement().asString().startsWith(denied);
                cluster.etcdctl("role", "grant-permission", AGENT_USER, "readwrite", "/logagent/status/" + IP);
                await().atMost(Duration.ofSeconds(20)).until(() -> running.status().configError() == null);
            } finally {
                release(EtcdTrouble.class, errors);
            }
        } finally {
            if (agent != null) {
                agent.stop();
                assertThat(agent.awaitStop(Duration.ofSeconds(30))).isTrue();
            }
            consoleLife.stop(Deadline.after(Duration.ofSeconds(30), Clock.systemUTC()));
            consoleLife.awaitStop(Duration.ofSeconds(30));
        }
    }

    @Test
    void theAgentsUserReadsOnlyItsKeysAndWritesOnlyItsStatus(@TempDir Path tmp) throws Exception {
        EtcdClientSettings.Values settings = AgentConfig.load(agentIni(tmp, tmp, cluster.endpoints(), Map.of()), IP)
                .etcd().connection();
        EtcdProblems problems = new EtcdProblems(settings, Clock.systemUTC());
        try (Client client = EtcdClients.create(settings)) {
            KV kv = client.getKVClient();
            kv.get(bytes("/logagent/" + IP + "/collect_config")).get(10, TimeUnit.SECONDS);
            kv.get(bytes("/logagent/groups/web/collect_config")).get(10, TimeUnit.SECONDS);
            kv.put(bytes("/logagent/status/" + IP), bytes("{}")).get(10, TimeUnit.SECONDS);

            String otherKey = "/logagent/" + OTHER_IP + "/collect_config";
            ExecutionException read = failure(() -> kv.get(bytes(otherKey)).get(10, TimeUnit.SECONDS));
            assertThat(problems.classify(read.getCause(), "read " + otherKey)).get()
                    .extracting(ConnectionProblem::kind, ConnectionProblem::line)
                    .containsExactly(ConnectionProblem.Kind.AUTHORIZATION, "etcd " + cluster.endpoints() + " refused user '"
                            + AGENT_USER + "' to read " + otherKey + ": permission denied: grant the role of [etcd] "
                            + "username this key (etcdctl role grant-permission)");
            for (String key : List.of("/logagent/" + IP + "/collect_config", "/logagent/status/" + OTHER_IP,
                    "/logagent/groups/web/collect_config")) {
                ExecutionException write = failure(() -> kv.put(bytes(key), bytes("[]")).get(10, TimeUnit.SECONDS));
                assertThat(problems.classify(write.getCause(), "write " + key)).get()
                        .extracting(ConnectionProblem::kind).isEqualTo(ConnectionProblem.Kind.AUTHORIZATION);
            }
            kv.delete(bytes("/logagent/status/" + IP)).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void eachWrongCredentialStopsTheAgentWithTheNamedSetting(@TempDir Path tmp) throws Exception {
        // Server and client certificate at once (both EKUs): keytool is slow on a busy box, a second costs seconds.
        java.util.concurrent.CompletableFuture<Identity> expiredFuture = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> ca.issueExpired("expired", "ip:127.0.0.1", "dns:localhost"));
        java.util.concurrent.CompletableFuture<Identity> wrongHostFuture = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> ca.issue("wrong-host", "dns:wrong.example"));
        CertificateAuthority otherCa = CertificateAuthority.create(tmp.resolve("other-ca"), "other-ca");
        Identity foreignClient = otherCa.issue(AGENT_USER);
        Identity expired = expiredFuture.join();
        String all = cluster.endpoints();
        try (EtcdServer wrongHost = EtcdServer.start(tmp.resolve("wrong-host"), new EtcdServer.Tls(ca,
                wrongHostFuture.join(), null, false));
             EtcdServer expiredServer = EtcdServer.start(tmp.resolve("expired"), new EtcdServer.Tls(ca,
                     expired, null, false))) {
            Map<String, List<Object>> cases = new LinkedHashMap<>();
            cases.put("wrong password", List.of(all, Map.of("password", "not-" + AGENT_PASSWORD),
                    "etcd " + all + " refused user '" + AGENT_USER + "': wrong [etcd] password"));
            cases.put("unknown user", List.of(all, Map.of("username", "nobody"),
                    "etcd " + all + " refused user 'nobody': wrong [etcd] password (or unknown [etcd] username)"));
            cases.put("role lacking the key", List.of(all, Map.of("ip", OTHER_IP),
                    "etcd " + all + " refused user '" + AGENT_USER + "' to read /logagent/" + OTHER_IP
                            + "/collect_config: permission denied"));
            cases.put("unknown CA", List.of(all, Map.of("ca_file", otherCa.certPem().toString()),
                    " presented a certificate not signed by a trusted CA: wrong [etcd] ca_file "
                            + otherCa.certPem()));
            cases.put("wrong-host certificate", List.of(wrongHost.endpoint(), Map.of(),
                    "etcd " + wrongHost.endpoint() + " presented a certificate for another host: [etcd] address"));
            cases.put("expired server certificate", List.of(expiredServer.endpoint(), Map.of(),
                    "etcd " + expiredServer.endpoint() + " presented an expired certificate"));
            cases.put("missing client certificate", List.of(all, Map.of("cert_file", "", "key_file", ""),
                    " requires a client certificate"));
            cases.put("expired client certificate", List.of(all, Map.of("cert_file",
                    expired.certChainPem().toString(), "key_file", expired.keyPem().toString()),
                    "[etcd] cert_file " + expired.certChainPem() + " has expired"));
            cases.put("client certificate of another CA", List.of(all, Map.of("cert_file",
                    foreignClient.certChainPem().toString(), "key_file", foreignClient.keyPem().toString()),
                    " refused this client's certificate"));

            for (Map.Entry<String, List<Object>> c : cases.entrySet()) {
                @SuppressWarnings("unchecked")
                Map<String, String> overrides = new LinkedHashMap<>((Map<String, String>) c.getValue().get(1));
                String ip = overrides.getOrDefault("ip", IP);
                overrides.remove("ip");
                Path dir = Files.createDirectories(tmp.resolve(c.getKey().replace(' ', '-')));
                Path ini = agentIni(dir, dir, (String) c.getValue().get(0), overrides);
                long begin = System.nanoTime();
                Run run = runAgent(ini, ip);
                System.out.printf("etcd security: %-34s exit %d in %4d ms: %s%n", c.getKey(), run.exit(),
                        (System.nanoTime() - begin) / 1_000_000, run.errors());
                assertThat(run.exit()).as(c.getKey()).isEqualTo(2);
                assertThat(run.errors()).as(c.getKey()).hasSize(1);
                // TLS problems name the member that refused: any of the three.
                assertThat(run.errors().getFirst()).as(c.getKey()).startsWith("logagent agent: etcd https://127.0.0.1:")
                        .contains((String) c.getValue().get(2)).doesNotContain(AGENT_PASSWORD);
            }
        }
        Run console = run("console", "--config", consoleIni(tmp, "not-" + EDITOR_PASSWORD).toString());
        assertThat(console.exit()).isEqualTo(2);
        assertThat(console.errors()).singleElement().asString().isEqualTo("logagent console: etcd " + cluster.endpoints()
                + " refused user 'console': wrong [etcd] password (or unknown [etcd] username)");
    }

    private record Run(int exit, List<String> errors) { }

    private static Run runAgent(Path ini, String ip) throws Exception {
        return run("agent", "--config", ini.toString(), "--ip", ip);
    }

    /** {@code logagent ARGS}, in this JVM, with the ERROR lines it logs and the lines it prints on stderr. */
    private static Run run(String... args) throws Exception {
        ListAppender<ILoggingEvent> appender = capture(null);
        java.io.StringWriter err = new java.io.StringWriter();
        try {
            picocli.CommandLine cmd = Main.commandLine();
            cmd.setErr(new java.io.PrintWriter(err, true));
            // In a thread: an agent that wrongly starts would run until signalled, this fails the test instead.
            java.util.concurrent.FutureTask<Integer> task = new java.util.concurrent.FutureTask<>(() -> cmd.execute(args));
            Thread.ofPlatform().daemon().name("agent-under-test").start(task);
            int exit = task.get(60, TimeUnit.SECONDS);
            List<String> lines = new ArrayList<>(appender.list.stream().filter(e -> e.getLevel() == Level.ERROR)
                    .map(ILoggingEvent::getFormattedMessage).toList());
            err.toString().lines().filter(l -> !l.isBlank()).forEach(lines::add);
            return new Run(exit, lines);
        } finally {
            release(null, appender);
        }
    }

    /** Collects what {@code type}'s logger (null: every logger) logs, until {@link #release}. */
    private static ListAppender<ILoggingEvent> capture(Class<?> type) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger(type).addAppender(appender);
        return appender;
    }

    private static void release(Class<?> type, ListAppender<ILoggingEvent> appender) {
        logger(type).detachAppender(appender);
    }

    private static ch.qos.logback.classic.Logger logger(Class<?> type) {
        return (ch.qos.logback.classic.Logger) (type == null ? LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                : LoggerFactory.getLogger(type));
    }

    /** The agent's ini with TLS, client certificate and user; {@code overrides} replace [etcd] values. */
    private Path agentIni(Path dir, Path logs, String address, Map<String, String> overrides) throws Exception {
        Map<String, String> etcd = new LinkedHashMap<>();
        etcd.put("address", address);
        etcd.put("timeout", "3");
        etcd.put("ca_file", ca.certPem().toString());
        etcd.put("cert_file", agentCert.certChainPem().toString());
        etcd.put("key_file", agentCert.keyPem().toString());
        etcd.put("username", AGENT_USER);
        etcd.put("password", AGENT_PASSWORD);
        etcd.putAll(overrides);
        StringBuilder ini = new StringBuilder("[kafka]\naddress=" + kafka.bootstrapServers() + "\n[etcd]\n");
        etcd.forEach((k, v) -> ini.append(k).append('=').append(v).append('\n'));
        ini.append("[agent]\ngroups=web\ndata_dir=").append(dir.resolve("agent")).append("\nallow_paths=")
                .append(logs).append("/**\n");
        return Files.writeString(dir.resolve("agent.ini"), ini);
    }

    private static Path consoleIni(Path dir, String password) throws Exception {
        return Files.writeString(dir.resolve("console.ini"), """
                [http]
                port=0
                [etcd]
                address=%s
                ca_file=%s
                cert_file=%s
                key_file=%s
                username=console
                password=%s
                [auth]
                admin_password=%s
                [console]
                data_dir=%s
                """.formatted(cluster.endpoints(), ca.certPem(), consoleCert.certChainPem(), consoleCert.keyPem(),
                password, ADMIN_PASSWORD, dir.resolve("console")));
    }

    private static HttpResponse<String> putHostConfig(int port, String ip, String value) throws Exception {
        String body = "{\"value\":\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"expectedRevision\":0}";
        String auth = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/hosts/" + ip + "/config"))
                    .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private static ExecutionException failure(Call call) {
        try {
            call.run();
        } catch (ExecutionException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected a refused request, got " + e, e);
        }
        throw new AssertionError("expected a refused request, but it succeeded");
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
