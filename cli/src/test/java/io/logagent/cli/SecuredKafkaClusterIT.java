package io.logagent.cli;

import io.logagent.agent.Agent;
import io.logagent.stack.EtcdServer;
import io.logagent.stack.OpenSearchServer;
import io.logagent.stack.junit.RealServers;
import io.logagent.stack.tls.CertificateAuthority;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The components against a secured 3-node Kafka cluster (SASL_SSL with SCRAM, ACLs enforced), shared by every test
 * here: refused configurations end the start with exit code 2 and one line naming the server and the setting; a
 * later refusal shows in the agent's status. Least privilege is {@link KafkaLeastPrivilegeChecks}; the failure tests
 * (leader killed, workers scaled) are {@link KafkaClusterFailures}.
 */
@ExtendWith(RealServers.class)
class SecuredKafkaClusterIT {
    @TempDir
    static Path dir;
    static SecuredKafka kafka;
    static EtcdServer etcd;
    static OpenSearchServer search;

    @BeforeAll
    static void startCluster(EtcdServer etcdServer, OpenSearchServer searchServer) {
        etcd = etcdServer;
        search = searchServer;
        kafka = SecuredKafka.start(dir.resolve("cluster"));
    }

    @AfterAll
    static void stopCluster() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private record Run(int exitCode, String err) { }

    private static Run cli(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setErr(new PrintWriter(err));
        cmd.setOut(new PrintWriter(new StringWriter()));
        int code = cmd.execute(args);
        return new Run(code, err.toString());
    }

    private String consoleIni(String bootstrap, String kafkaKeys, String group, Path tmp) {
        return """
                [http]
                port=0
                [es]
                address=%s
                [etcd]
                address=%s
                [kafka]
                address=%s
                group_id=%s
                %s
                [auth]
                admin_password=console-admin-pw
                [console]
                data_dir=%s
                """.formatted(search.httpUrl(), etcd.endpoint(), bootstrap, group, kafkaKeys, tmp.resolve("console"));
    }

    @Test
    void refusedCredentialsCertificatesAndAclsEndTheStartWithCode2AndNameTheSetting(@TempDir Path tmp)
            throws Exception {
        String topic = kafka.topic("refused", 1);
        String group = SecuredKafka.GROUPS + "refused";
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Pipeline p = new Pipeline(etcd, kafka.bootstrap(), search.httpUrl(), tmp);
        p.collect("10.78.0.1", topic, logs + "/a.log");
        p.collect("10.78.0.2", topic, logs + "/a.log");
        CertificateAuthority otherCa = CertificateAuthority.create(tmp.resolve("other-ca"), "other-ca");
        String bootstrap = kafka.bootstrap();
        try (TcpRelay wrongHost = new TcpRelay("127.0.0.2", kafka.cluster.node(1).port())) {
            List<String[]> cases = List.of(
                    new String[] {"agent", p.agentIni("10.78.0.1", kafka.iniKeys("agent", "not-the-password",
                            kafka.ca.certPem()), logs),
                            "kafka " + bootstrap + " refused user 'agent': wrong [kafka] password (or [kafka] "
                                    + "username/sasl_mechanism)"},
                    new String[] {"transfer", p.transferIni(topic, group, kafka.iniKeys("transfer",
                            SecuredKafka.USERS.get("transfer"), otherCa.certPem())),
                            "kafka " + bootstrap + " presented a certificate not signed by a trusted CA: wrong [kafka] "
                                    + "ssl_ca_file"},
                    new String[] {"console", consoleIni(wrongHost.address(), kafka.iniKeys("console"), group, tmp),
                            "kafka " + wrongHost.address() + " presented a certificate for another host name: [kafka] "
                                    + "address must use a name or IP listed in the broker's certificate"},
                    new String[] {"agent", p.agentIni("10.78.0.2", kafka.iniKeys("nobody"), logs),
                            "kafka " + bootstrap + " refused user 'nobody' access to topic(s) " + topic
                                    + ": missing ACL on the brokers (the agent needs Write and Describe on its topics)"},
                    new String[] {"transfer", p.transferIni(topic, group, kafka.iniKeys("agent")),
                            "kafka " + bootstrap + " refused user 'agent' READ on topic '" + topic + "'"},
                    new String[] {"console", consoleIni(bootstrap, kafka.iniKeys("nobody"), group, tmp),
                            "kafka " + bootstrap + " refused user 'nobody' access to consumer group '" + group + "'"});
            int n = 0;
            for (String[] c : cases) {
                Path ini = Files.writeString(tmp.resolve(c[0] + "-" + (++n) + ".ini"), c[1]);
                long begin = System.nanoTime();
                Run run = cli(c[0], "--config", ini.toString());
                System.out.printf("%s case %d: exit %d in %d ms: %s%n", c[0], n, run.exitCode(),
                        Duration.ofNanos(System.nanoTime() - begin).toMillis(), run.err().strip().replace('\n', ' '));
                assertThat(run.exitCode()).as(c[0] + " case " + n + ": " + run.err()).isEqualTo(2);
                assertThat(run.err()).contains(c[2]).doesNotContain("\tat ");
                SecuredKafka.USERS.values().forEach(pw -> assertThat(run.err()).doesNotContain(pw));
                assertThat(run.err()).doesNotContain("not-the-password");
            }
        }
    }

    @Test
    void aRefusalAfterStartIsOneNamedLineInTheAgentsStatus(@TempDir Path tmp) throws Exception {
        String allowed = kafka.topic("status", 1);
        String forbidden = "private-status";
        kafka.cluster.createTopic(forbidden, 1);
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Files.writeString(logs.resolve("a.log"), "one\n");
        String ip = "10.78.0.3";
        try (Pipeline p = new Pipeline(etcd, kafka.bootstrap(), search.httpUrl(), tmp)) {
            p.collect(ip, allowed, logs + "/a.log");
            Agent agent = p.agent(p.agentIni(ip, kafka.iniKeys("agent"), logs));
            assertThat(agent.status().configError()).isNull();
            p.collect(ip, forbidden, logs + "/a.log");
            await().atMost(Duration.ofSeconds(30)).until(() -> agent.status().configError() != null);
            assertThat(agent.status().configError()).isEqualTo("kafka " + kafka.bootstrap() + " refused user 'agent' "
                    + "access to topic(s) " + forbidden + ": missing ACL on the brokers (the agent needs Write and "
                    + "Describe on its topics)");
        }
    }

    @Test
    void theConsoleListsDeadLettersReadOverSaslSsl(@TempDir Path tmp) throws Exception {
        new SecuredDeadLetterChecks(kafka).run(consoleIni(kafka.bootstrap(), kafka.iniKeys("console"),
                SecuredKafka.GROUPS + "dead-letters", tmp), "console-admin-pw");
    }

    @Test
    void eachComponentMayDoWhatItNeedsAndNothingElse() throws Exception {
        new KafkaLeastPrivilegeChecks(kafka).run();
    }

    @Test
    void theBrokerLeadingThePartitionKilledMidStreamLosesAndDoublesNothing(@TempDir Path tmp) throws Exception {
        new KafkaClusterFailures(kafka, etcd, search, tmp).leaderKilled();
    }

    @Test
    void transferWorkersScaledOneThreeOneStoreEveryLineOnce(@TempDir Path tmp) throws Exception {
        new KafkaClusterFailures(kafka, etcd, search, tmp).workersScaled();
    }
}
