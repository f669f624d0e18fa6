package io.logagent.agent.config;

import io.logagent.core.ini.ConfigException;
import io.logagent.core.ini.IniFile;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentConfigTest {
    static final String SEED_INI = """
            [kafka]
            address=127.0.0.1:9092
            chan_max_size=100000
            [etcd]
            address=127.0.0.1:2379
            timeout=5
            collect_log_key=/logAgent/%s/collect_config
            """;

    private final HostAddress fixedHost = new HostAddress() {
        @Override
        public String detect() {
            return "10.1.2.3";
        }
    };

    @Test
    void acceptsTheSeedIniUnchangedWithDefaultsForEverythingElse() {
        AgentConfig c = AgentConfig.from(IniFile.parse("config.ini", SEED_INI), null, fixedHost);

        assertThat(c.hostIp()).isEqualTo("10.1.2.3");
        assertThat(c.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(c.kafka().maxInFlightRecords()).isEqualTo(100_000);
        assertThat(c.kafka().maxInFlightBytes()).isEqualTo(8L << 20);
        assertThat(c.kafka().acks()).isEqualTo("all");
        assertThat(c.kafka().compression()).isEqualTo("lz4");
        assertThat(c.etcd().endpoints()).containsExactly(URI.create("http://127.0.0.1:2379"));
        assertThat(c.etcd().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.etcd().collectKey()).isEqualTo("/logAgent/10.1.2.3/collect_config");
        assertThat(c.etcd().statusKey()).isEqualTo("/logagent/status/10.1.2.3");
        assertThat(c.etcd().groupKeys()).isEmpty();
        assertThat(c.agent().dataDir()).isEqualTo(Path.of("./data/agent"));
        assertThat(c.agent().httpPort()).isEqualTo(-1);
        assertThat(c.agent().allowPaths()).containsExactly("/var/log/**");
        assertThat(c.agent().onKeyDelete()).isEqualTo(AgentConfig.OnKeyDelete.KEEP);
        assertThat(c.tail().maxLineBytes()).isEqualTo((1 << 20) - (32 << 10));
    }

    @Test
    void readsOurAdditionsAndTheIpOverrideWins() {
        String ini = SEED_INI.replace("address=127.0.0.1:2379", "address=etcd1:2379, https://etcd2:2379") + """
                [kafka.producer]
                security.protocol=SASL_SSL
                [agent]
                ip=10.9.9.9
                groups=web, db
                http_port=0
                allow_paths=/var/log/**,/srv/app/logs/*.log
                on_key_delete=stop
                [tail]
                max_line_bytes=4096
                """;
        AgentConfig c = AgentConfig.from(IniFile.parse("config.ini", ini), "192.168.0.7", fixedHost);

        assertThat(c.hostIp()).isEqualTo("192.168.0.7");
        assertThat(c.etcd().endpoints()).containsExactly(URI.create("http://etcd1:2379"), URI.create("https://etcd2:2379"));
        assertThat(c.etcd().groupKeys()).containsExactly("/logagent/groups/web/collect_config",
                "/logagent/groups/db/collect_config");
        assertThat(c.kafka().producerOverrides()).isEqualTo(Map.of("security.protocol", "SASL_SSL"));
        assertThat(c.agent().httpPort()).isZero();
        assertThat(c.agent().allowPaths()).isEqualTo(List.of("/var/log/**", "/srv/app/logs/*.log"));
        assertThat(c.agent().onKeyDelete()).isEqualTo(AgentConfig.OnKeyDelete.STOP);
        assertThat(c.tail().maxLineBytes()).isEqualTo(4096);
    }

    @Test
    void kafkaSecurityReachesProducerAndAdminAndPassThroughWins() {
        String ini = SEED_INI.replace("chan_max_size=100000", """
                chan_max_size=100000
                security_protocol=SASL_SSL
                username=agent
                password=agent-secret""") + "[kafka.producer]\nsasl.mechanism=SCRAM-SHA-256\n";
        AgentConfig c = AgentConfig.from(IniFile.parse("config.ini", ini), null, fixedHost);
        java.util.Map<String, Object> producer = io.logagent.agent.config.ProducerSettings.from(c.kafka(), 1000, "id");
        java.util.Map<String, Object> admin = io.logagent.agent.config.ProducerSettings.admin(c.kafka(), "id", 1000);
        for (java.util.Map<String, Object> p : java.util.List.of(producer, admin)) {
            assertThat(p).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-256");
            assertThat((String) p.get("sasl.jaas.config")).contains("ScramLoginModule", "username=\"agent\"");
        }
        assertThat(c.toString()).doesNotContain("agent-secret");
    }

    @Test
    void rejectsUnknownKeysAndBadValuesWithTheirLines() {
        String ini = SEED_INI + "[agent]\nhttp_prot=8080\non_key_delete=maybe\n";
        assertThatThrownBy(() -> AgentConfig.from(IniFile.parse("config.ini", ini), null, fixedHost))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config.ini:9: unknown key 'http_prot' in [agent]")
                .hasMessageContaining("config.ini:10: bad value 'maybe' for 'on_key_delete'");
    }

    @Test
    void requiresAPlaceholderInTheCollectKey() {
        String ini = SEED_INI.replace("/logAgent/%s/collect_config", "/logAgent/collect_config");
        assertThatThrownBy(() -> AgentConfig.from(IniFile.parse("config.ini", ini), null, fixedHost))
                .hasMessageContaining("collect_log_key");
    }
}
