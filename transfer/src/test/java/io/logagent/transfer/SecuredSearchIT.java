package io.logagent.transfer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.logagent.core.problem.ConnectionProblemException;
import io.logagent.stack.KafkaServer;
import io.logagent.stack.OpenSearchServer;
import io.logagent.stack.tls.SearchTlsFront;
import io.logagent.stack.tls.SecuredSearchFronts;
import io.logagent.stack.tls.SearchTlsFront.User;
import io.logagent.transfer.index.SearchHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The transfer against OpenSearch behind real HTTPS with basic auth ({@link SearchTlsFront}): valid credentials
 * and CA index; each wrong setting is refused at start with the one line that names server and setting.
 */
class SecuredSearchIT extends TransferOnRealServersTestBase {
    private static final String WRITER_PASSWORD = "t-secret";

    @TempDir
    static Path certs;
    private static SecuredSearchFronts fronts;

    SecuredSearchIT(KafkaServer kafka, OpenSearchServer search) {
        super(new RealStack(kafka, search));
    }

    @BeforeAll
    static void startFronts(OpenSearchServer search) {
        List<User> users = List.of(new User("transfer", WRITER_PASSWORD, false), new User("reader", "r-secret", true));
        fronts = SecuredSearchFronts.start(certs, search.httpUrl(), users);
    }

    @AfterAll
    static void stopFronts() {
        if (fronts != null) {
            fronts.close();
        }
    }

    private String es(String address, String user, String password, Path caFile) {
        return "address=" + address + "\nusername=" + user + "\npassword=" + password
                + (caFile == null ? "" : "\nca_file=" + caFile);
    }

    @Test
    void indexesOverHttpsWithBasicAuthVerifiedAgainstTheCa() throws Exception {
        String topic = "it-secured";
        stack.createTopic(topic, 1);
        stack.produceAgentLines(topic, 0, 300, "h-secured");
        transfer.start(stack.configWithoutAddress(topic, "g-secured", es(fronts.good().httpsUrl(), "transfer", WRITER_PASSWORD, fronts.ca().certPem())));
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.count(topic) == 300);
    }

    @Test
    void eachWrongSettingIsRefusedAtStartNamingServerAndSetting() {
        String url = fronts.good().httpsUrl();
        assertRefused(es(url, "transfer", "wrong", fronts.ca().certPem()),
                "es " + url + " refused user 'transfer': wrong [es] password (or [es] username)");
        assertRefused(es(url, "reader", "r-secret", fronts.ca().certPem()),
                "es " + url + " denied user 'reader' PUT /_index_template/logagent-transfer: grant the role of [es] username");
        assertRefused(es(url, "transfer", WRITER_PASSWORD, fronts.unknownCa().certPem()),
                "es " + url + " presented a certificate signed by an unknown CA: [es] ca_file " + fronts.unknownCa().certPem()
                        + " is not the CA that signed it");
        assertRefused(es(url, "transfer", WRITER_PASSWORD, null),
                "es " + url + " presented a certificate signed by an unknown CA: set [es] ca_file");
        assertRefused(es(fronts.wrongHost().httpsUrl(), "transfer", WRITER_PASSWORD, fronts.ca().certPem()),
                "es " + fronts.wrongHost().httpsUrl() + " presented a certificate that does not name host 127.0.0.1: use in [es] address");
        assertRefused(es(fronts.expired().httpsUrl(), "transfer", WRITER_PASSWORD, fronts.ca().certPem()),
                "es " + fronts.expired().httpsUrl() + " presented an expired certificate");
    }

    @Test
    void insecureSkipVerifyAcceptsAWrongHostsCertificateAndSaysSoLoudly() throws Exception {
        String topic = "it-insecure";
        stack.createTopic(topic, 1);
        stack.produceAgentLines(topic, 0, 20, "h-insecure");
        ListAppender<ILoggingEvent> logged = capture(SearchHttp.class);
        try {
            transfer.start(stack.configWithoutAddress(topic, "g-insecure", "address=" + fronts.wrongHost().httpsUrl()
                    + "\nusername=transfer\npassword=" + WRITER_PASSWORD + "\ninsecure_skip_verify=true"));
            await().atMost(Duration.ofSeconds(60)).until(() -> stack.count(topic) == 20);
            assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(m -> assertThat(m).startsWith("INSECURE: transfer accepts ANY certificate from ["
                            + fronts.wrongHost().httpsUrl() + "] because [es] insecure_skip_verify=true"));
        } finally {
            ((Logger) LoggerFactory.getLogger(SearchHttp.class)).detachAppender(logged);
        }
    }

    private void assertRefused(String esLines, String expectedStart) {
        assertThatThrownBy(() -> TransferService.create(stack.configWithoutAddress("it-refused", "g-refused", esLines), Clock.systemUTC()))
                .isInstanceOf(ConnectionProblemException.class)
                .hasMessageStartingWith(expectedStart)
                .hasMessageNotContaining(WRITER_PASSWORD);
    }

    @Test
    void aPasswordRotatedUnderTheRunningTransferIsReportedOncePerMinuteAndRetried() throws Exception {
        String topic = "it-rotated";
        stack.createTopic(topic, 1);
        ListAppender<ILoggingEvent> logged = capture(SearchHttp.class);
        try {
            fronts.good().putUser(new User("rotating", "first", false));
            TransferService service = transfer.start(stack.configWithoutAddress(topic, "g-rotated",
                    es(fronts.good().httpsUrl(), "rotating", "first", fronts.ca().certPem())));
            stack.produceAgentLines(topic, 0, 50, "h-rotated");
            await().atMost(Duration.ofSeconds(60)).until(() -> stack.count(topic) == 50);

            fronts.good().putUser(new User("rotating", "second", false)); // the cluster's password changed, not ours
            stack.produceAgentLines(topic, 50, 100, "h-rotated");
            await().atMost(Duration.ofSeconds(30)).until(() -> service.meterRegistry()
                    .get("logagent.transfer.bulk.retries").counter().count() >= 200); // 4 rounds or more
            List<String> errors = logged.list.stream().filter(e -> e.getLevel() == Level.ERROR)
                    .map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0)).isEqualTo("es " + fronts.good().httpsUrl()
                    + " refused user 'rotating': wrong [es] password (or [es] username)");
            assertThat(service.isRunning()).isTrue();
            assertThat(stack.count(topic)).isEqualTo(50);

            fronts.good().putUser(new User("rotating", "first", false));
            await().atMost(Duration.ofSeconds(30)).until(() -> stack.count(topic) == 100);
        } finally {
            ((Logger) LoggerFactory.getLogger(SearchHttp.class)).detachAppender(logged);
        }
    }

    private static ListAppender<ILoggingEvent> capture(Class<?> type) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(type)).addAppender(appender);
        return appender;
    }
}
