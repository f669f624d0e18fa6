package io.logagent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.logagent.console.Api;
import io.logagent.console.ConsoleServer;
import io.logagent.console.config.ConsoleConfig;
import io.logagent.core.event.DeadLetterHeaders;
import io.logagent.core.event.LogHeaders;
import io.logagent.core.ini.IniFile;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's dead-letter view read from the secured cluster (SASL_SSL, SCRAM, ACLs): dead letters written by the
 * transfer's user are listed, with their reason, by the console's user, which may read that topic and nothing else.
 */
final class SecuredDeadLetterChecks {

    private final SecuredKafka kafka;

    SecuredDeadLetterChecks(SecuredKafka kafka) {
        this.kafka = kafka;
    }

    /** @param consoleIni a console ini with the console user's [kafka] keys for this cluster */
    void run(String consoleIni, String adminPassword) throws Exception {
        String marker = "secured dead letter " + System.nanoTime() + " #";
        try (KafkaProducer<byte[], byte[]> transfer = new KafkaProducer<>(kafka.clientProperties("transfer"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 3; i++) {
                RecordHeaders h = new RecordHeaders();
                h.add(LogHeaders.HOST, utf8("10.78.9." + i));
                h.add(LogHeaders.PATH, utf8("/var/log/secured.log"));
                h.add(DeadLetterHeaders.REASON, utf8("400 mapper_parsing_exception: field [n] #" + i));
                h.add(DeadLetterHeaders.TOPIC, utf8(SecuredKafka.TOPICS + "dl-source"));
                transfer.send(new ProducerRecord<>(SecuredKafka.DEAD_LETTER, 0, null, null, utf8(marker + i), h))
                        .get(30, TimeUnit.SECONDS);
            }
        }
        ConsoleServer console = ConsoleServer.create(ConsoleConfig.from(IniFile.parse("console.ini", consoleIni),
                Map.of()), Clock.systemUTC());
        console.start();
        try (Api api = new Api(console.port()).basic("admin", adminPassword)) {
            Api.Response r = api.get("/api/deadletters?limit=50");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            List<String> seen = new ArrayList<>();
            for (JsonNode l : r.json().path("letters")) {
                if (l.path("message").asText().startsWith(marker)) {
                    seen.add(l.path("message").asText() + " | " + l.path("reason").asText() + " | " + l.path("host").asText());
                }
            }
            assertThat(seen).containsExactlyInAnyOrder(
                    marker + "0 | 400 mapper_parsing_exception: field [n] #0 | 10.78.9.0",
                    marker + "1 | 400 mapper_parsing_exception: field [n] #1 | 10.78.9.1",
                    marker + "2 | 400 mapper_parsing_exception: field [n] #2 | 10.78.9.2");
        } finally {
            console.stop();
            assertThat(console.awaitStop(Duration.ofSeconds(10))).isTrue();
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
