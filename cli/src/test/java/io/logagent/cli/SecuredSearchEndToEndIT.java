package io.logagent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logagent.console.ConsoleServer;
import io.logagent.console.config.ConsoleConfig;
import io.logagent.core.ini.IniFile;
import io.logagent.stack.KafkaServer;
import io.logagent.stack.OpenSearchServer;
import io.logagent.stack.junit.RealServers;
import io.logagent.stack.tls.SearchTlsFront.User;
import io.logagent.stack.tls.SecuredSearchFronts;
import io.logagent.transfer.TransferService;
import io.logagent.transfer.config.TransferConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The transfer and the console against OpenSearch behind HTTPS with basic auth, end to end: records indexed by the
 * transfer's user are found through the console's search API by the console's read-only user; and the
 * {@code logagent transfer} / {@code logagent console} commands exit with code 2 and the problem's line when the
 * password is wrong.
 */
@ExtendWith(RealServers.class)
class SecuredSearchEndToEndIT {
    private static final String ADMIN_PASSWORD = "admin-secret-1";

    @TempDir
    static Path dir;
    private static SecuredSearchFronts fronts;

    @BeforeAll
    static void start(OpenSearchServer search) {
        fronts = SecuredSearchFronts.start(dir.resolve("certs"), search.httpUrl(), List.of(
                new User("transfer", "t-secret", false), new User("console", "c-secret", true)));
    }

    @AfterAll
    static void stop() {
        if (fronts != null) {
            fronts.close();
        }
    }

    private static String transferIni(KafkaServer kafka, String topic, String password) {
        return """
                [kafka]
                address = %s
                topic = %s
                group_id = g-%s
                [es]
                address = %s
                username = transfer
                password = %s
                ca_file = %s
                flush_interval_ms = 200
                """.formatted(kafka.bootstrapServers(), topic, topic, fronts.good().httpsUrl(), password,
                fronts.ca().certPem());
    }

    private static String consoleIni(String index, String password) {
        return """
                [http]
                port = 0
                [es]
                address = %s
                username = console
                password = %s
                ca_file = %s
                index = %s
                [auth]
                admin_password = %s
                [console]
                data_dir = %s
                """.formatted(fronts.good().httpsUrl(), password, fronts.ca().certPem(), index, ADMIN_PASSWORD,
                dir.resolve("console-" + index));
    }

    @Test
    void transferIndexesAndConsoleSearchesThroughHttpsWithBasicAuth(KafkaServer kafka) throws Exception {
        String topic = "secured-e2e";
        int lines = 300;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < lines; i++) {
                producer.send(new ProducerRecord<>(topic, "securedline number " + i));
            }
        }
        TransferService transfer = TransferService.create(TransferConfig.from(IniFile.parse("transfer.ini",
                transferIni(kafka, topic, "t-secret"))), Clock.systemUTC());
        transfer.start();
        ConsoleServer console = ConsoleServer.create(ConsoleConfig.from(IniFile.parse("console.ini",
                consoleIni(topic, "c-secret")), Map.of()), Clock.systemUTC());
        console.start();
        ObjectMapper json = new ObjectMapper();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest search = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + console.port()
                            + "/api/search?q=securedline&size=10"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD)
                            .getBytes(StandardCharsets.UTF_8))).build();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                HttpResponse<String> r = http.send(search, HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 && json.readTree(r.body()).path("total").asLong() == lines;
            });
        } finally {
            console.stop();
            transfer.stop();
            assertThat(transfer.awaitStop(Duration.ofSeconds(30))).isTrue();
        }
    }

    @Test
    void commandsExitWithCode2AndTheLineWhenThePasswordIsWrong(KafkaServer kafka) throws Exception {
        String url = fronts.good().httpsUrl();
        Path transferIni = Files.writeString(dir.resolve("bad-transfer.ini"), transferIni(kafka, "secured-bad", "nope"));
        Run transfer = run("transfer", "--config", transferIni.toString());
        assertThat(transfer.code).isEqualTo(2);
        assertThat(transfer.err).contains("es " + url + " refused user 'transfer': wrong [es] password (or [es] username)")
                .doesNotContain("nope").doesNotContain("\tat ");

        Path consoleIni = Files.writeString(dir.resolve("bad-console.ini"), consoleIni("secured-bad", "nope"));
        Run console = run("console", "--config", consoleIni.toString());
        assertThat(console.code).isEqualTo(2);
        assertThat(console.err).contains("es " + url + " refused user 'console': wrong [es] password (or [es] username)")
                .doesNotContain("nope");
    }

    private record Run(int code, String err) { }

    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(new StringWriter()));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute(args);
        return new Run(code, err.toString());
    }
}
