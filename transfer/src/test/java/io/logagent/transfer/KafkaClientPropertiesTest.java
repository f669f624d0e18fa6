package io.logagent.transfer;

import io.logagent.core.ini.IniFile;
import io.logagent.transfer.config.TransferConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The consumer, dead-letter producer and start-up admin client all connect the way [kafka] says. */
class KafkaClientPropertiesTest {

    private static TransferConfig.Kafka kafka(String extra) {
        return TransferConfig.from(IniFile.parse("t.ini", """
                [kafka]
                address=b1:9093,b2:9093
                topic=web_log
                security_protocol=SASL_PLAINTEXT
                username=transfer
                password=pw
                """ + extra)).kafka();
    }

    @Test
    void theConsumerRebalancesCooperatively() {
        Map<String, Object> p = TransferService.consumerProperties(kafka(""), 1000, false);
        assertThat(p).containsEntry("partition.assignment.strategy", CooperativeStickyAssignor.class.getName())
                .containsEntry("enable.auto.commit", false);
    }

    @Test
    void securityGoesToEveryClientAndPassThroughWins() {
        TransferConfig.Kafka k = kafka("[kafka.consumer]\nsasl.mechanism=SCRAM-SHA-256\n");
        Map<String, Object> consumer = TransferService.consumerProperties(k, 1000, false);
        Map<String, Object> producer = TransferService.producerProperties(k);
        Map<String, Object> admin = TransferService.adminProperties(k);
        for (Map<String, Object> p : new Map[] {consumer, producer, admin}) {
            assertThat(p).containsEntry("security.protocol", "SASL_PLAINTEXT");
            assertThat((String) p.get("sasl.jaas.config")).contains("username=\"transfer\"");
        }
        assertThat(consumer).containsEntry("sasl.mechanism", "SCRAM-SHA-256");
        assertThat(admin).containsEntry("sasl.mechanism", "SCRAM-SHA-256").containsEntry("bootstrap.servers", "b1:9093,b2:9093");
        assertThat(producer).containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }

    @Test
    void theConfigNeverShowsThePassword() {
        assertThat(kafka("[kafka.producer]\nsasl.jaas.config=x password=\"other\";\n").toString())
                .doesNotContain("pw\"").doesNotContain("other").contains("transfer");
    }
}
