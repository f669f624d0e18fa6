package io.logagent.transfer.config;

import io.logagent.core.ini.ConfigException;
import io.logagent.core.ini.IniFile;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransferConfigTest {

    private static TransferConfig parse(String text) {
        return TransferConfig.from(IniFile.parse("transfer.ini", text));
    }

    @Test
    void acceptsTheSeedLogTransferIniUnchanged() {
        TransferConfig c = parse("""
                [kafka]
                address=127.0.0.1:9092
                topic=web_log

                [es]
                address=127.0.0.1:9200
                chan_size=100000
                nums=16
                """);
        assertThat(c.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(c.kafka().topics()).containsExactly("web_log");
        assertThat(c.kafka().topicPattern()).isEmpty();
        assertThat(c.kafka().groupId()).isEqualTo("logagent-transfer");
        assertThat(c.kafka().deadLetterTopic()).isEqualTo("logagent-dead-letter");
        assertThat(c.index().addresses()).containsExactly(URI.create("http://127.0.0.1:9200"));
        assertThat(c.index().bufferedDocs()).isEqualTo(100_000);
        assertThat(c.index().maxInFlightBulks()).isEqualTo(16);
        assertThat(c.index().bulkMaxDocs()).isEqualTo(5000);
        assertThat(c.index().bulkMaxBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(c.index().flushInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.index().allAlias()).isEqualTo("logagent");
        assertThat(c.index().retentionDays()).isZero();
        assertThat(c.index().shards()).isEqualTo(1);
        assertThat(c.index().replicas()).isZero();
        assertThat(c.service().httpPort()).as("off by default").isEqualTo(-1);
        assertThat(c.service().jsonField()).isEqualTo("json");
        assertThat(c.service().timeZone()).isEqualTo(java.time.ZoneId.of("UTC"));
        assertThat(c.etcd()).as("without [etcd] address only the ini's topics are consumed").isEmpty();
    }

    @Test
    void etcdAddressMakesTheTopicListOptionalAndUsesTheAgentsKeyLayout() {
        TransferConfig c = parse("""
                [etcd]
                address=127.0.0.1:2379
                timeout=3
                collect_log_key=/logAgent/%s/collect_config
                username=transfer
                password=etcd-secret
                """);
        assertThat(c.kafka().topics()).isEmpty();
        TransferConfig.Etcd etcd = c.etcd().orElseThrow();
        assertThat(etcd.connection().endpoints()).containsExactly(URI.create("http://127.0.0.1:2379"));
        assertThat(etcd.connection().timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(etcd.connection().toString()).doesNotContain("etcd-secret");
        assertThat(etcd.layout().collectPrefixes()).containsExactly("/logAgent/", "/logagent/groups/");
        assertThat(etcd.layout().parse("/logAgent/10.0.0.7/collect_config")).isPresent();
        assertThatThrownBy(() -> parse("[etcd]\naddress=e:2379\ncollect_log_key=/no/placeholder\n"))
                .hasMessageContaining("collect_log_key");
        assertThatThrownBy(() -> parse("[etcd]\naddress= , \n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("[etcd] address");
    }

    @Test
    void readsEveryAddition() {
        TransferConfig c = parse("""
                [kafka]
                address = k1:9092,k2:9092
                topic = a, b ,c
                topic_pattern = app-.*
                group_id = g
                dead_letter_topic = dlq
                [kafka.consumer]
                max.poll.records = 100
                [kafka.producer]
                compression.type = lz4
                [es]
                address = https://os1:9200/, http://os2:9200
                username = admin
                password = secret
                insecure_skip_verify = true
                bulk_max_docs = 10
                bulk_max_bytes = 2048
                flush_interval_ms = 50
                index_alias_all = all-logs
                retention_days = 7
                number_of_replicas = 1
                [transfer]
                http_port = 9108
                json_field =
                time_zone = Europe/Berlin
                """);
        assertThat(c.kafka().topics()).containsExactly("a", "b", "c");
        assertThat(c.kafka().topicPattern().orElseThrow().pattern()).isEqualTo("app-.*");
        assertThat(c.kafka().consumerOverrides()).isEqualTo(Map.of("max.poll.records", "100"));
        assertThat(c.kafka().producerOverrides()).isEqualTo(Map.of("compression.type", "lz4"));
        assertThat(c.index().addresses()).isEqualTo(List.of(URI.create("https://os1:9200"), URI.create("http://os2:9200")));
        assertThat(c.index().search().insecureSkipVerify()).isTrue();
        assertThat(c.index().toString()).doesNotContain("secret");
        assertThat(c.index().allAlias()).isEqualTo("all-logs");
        assertThat(c.index().retentionDays()).isEqualTo(7);
        assertThat(c.service().jsonField()).isEmpty();
        assertThat(c.service().httpPort()).isEqualTo(9108);
    }

    @Test
    void httpPortMeansWhatItMeansInTheAgentAndConsole() {
        assertThat(parse("[kafka]\ntopic=a\n[transfer]\nhttp_port=0\n").service().httpPort())
                .as("0 = any free port, not off").isZero();
        assertThat(parse("[kafka]\ntopic=a\n[transfer]\nhttp_port=-1\n").service().httpPort()).isEqualTo(-1);
        assertThatThrownBy(() -> parse("[kafka]\ntopic=a\n[transfer]\nhttp_port=-2\n"))
                .hasMessageContaining("'http_port' in [transfer]").hasMessageContaining("-1 to 65535");
        assertThat(TransferSettings.HTTP_PORT.doc()).contains("-1 = off, 0 = any free port");
    }

    @Test
    void rejectsUnknownKeysWithTheirLine() {
        assertThatThrownBy(() -> parse("[kafka]\ntopic=a\n[es]\nchansize=5\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("transfer.ini:4")
                .hasMessageContaining("chansize");
    }

    @Test
    void rejectsMissingTopicsBadValuesAndBadAddresses() {
        assertThatThrownBy(() -> parse("[kafka]\naddress=k:9092\n")).hasMessageContaining("topic")
                .hasMessageContaining("[etcd] address");
        assertThatThrownBy(() -> parse("[kafka]\ntopic=a\n[es]\nnums=0\n")).hasMessageContaining("nums");
        assertThatThrownBy(() -> parse("[kafka]\ntopic_pattern=([\n")).hasMessageContaining("topic_pattern");
        assertThatThrownBy(() -> parse("[kafka]\ntopic=a\n[es]\naddress=ftp://x\n")).hasMessageContaining("address");
        assertThatThrownBy(() -> parse("[kafka]\ntopic=a\n[es]\nindex_alias_all=Logs\n")).hasMessageContaining("alias");
        assertThatThrownBy(() -> parse("[kafka]\ntopic=a\n[transfer]\ntime_zone=Mars/Base\n")).hasMessageContaining("time_zone");
    }
}
