package io.logagent.console.config;

import io.logagent.core.ini.ConfigException;
import io.logagent.core.ini.IniFile;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsoleConfigTest {

    static ConsoleConfig parse(String text, Map<String, String> env) {
        return ConsoleConfig.from(IniFile.parse("console.ini", text), env);
    }

    @Test
    void defaults() {
        ConsoleConfig c = parse("", Map.of());
        assertThat(c.http()).isEqualTo(new ConsoleConfig.Http("127.0.0.1", 8080));
        assertThat(c.es().address()).isEqualTo(URI.create("http://127.0.0.1:9200"));
        assertThat(c.es().index()).isEqualTo("logagent");
        assertThat(c.etcd().endpoint()).isEqualTo("http://127.0.0.1:2379");
        assertThat(c.etcd().hostKey("10.0.0.1")).isEqualTo("/logagent/10.0.0.1/collect_config");
        assertThat(c.etcd().groupKey("web")).isEqualTo("/logagent/groups/web/collect_config");
        assertThat(c.etcd().statusPrefix()).isEqualTo("/logagent/status/");
        assertThat(c.kafka().groupId()).isEqualTo("logagent-transfer");
        assertThat(c.auth().usersFile()).isEqualTo(Path.of("data/console/users.json"));
        assertThat(c.auth().adminPassword()).isEmpty();
    }

    @Test
    void seedStyleValuesAndEnvironmentPassword() {
        ConsoleConfig c = parse("""
                [etcd]
                address = 10.0.0.9:2379
                collect_log_key = /logAgent/%s/collect_config
                [console]
                data_dir = /var/lib/console
                """, Map.of("LOGAGENT_ADMIN_PASSWORD", "from-env"));
        assertThat(c.etcd().endpoint()).isEqualTo("http://10.0.0.9:2379");
        assertThat(c.etcd().hostKey("1.2.3.4")).isEqualTo("/logAgent/1.2.3.4/collect_config");
        assertThat(c.auth().usersFile()).isEqualTo(Path.of("/var/lib/console/users.json"));
        assertThat(c.auth().adminPassword()).isEqualTo("from-env");
        assertThat(parse("[auth]\nadmin_password = from-file\n", Map.of("LOGAGENT_ADMIN_PASSWORD", "env"))
                .auth().adminPassword()).isEqualTo("from-file");
    }

    @Test
    void pipelineSeriesSettings() {
        ConsoleConfig.Pipeline defaults = parse("", Map.of()).pipeline();
        assertThat(defaults.sampleInterval()).hasSeconds(10);
        assertThat(defaults.transferMetrics()).isEmpty();
        ConsoleConfig.Pipeline set = parse("""
                [pipeline]
                sample_seconds = 30
                transfer_metrics = http://10.0.0.5:9102/metrics, https://t2:9102/metrics
                """, Map.of()).pipeline();
        assertThat(set.sampleInterval()).hasSeconds(30);
        assertThat(set.transferMetrics()).containsExactly(URI.create("http://10.0.0.5:9102/metrics"),
                URI.create("https://t2:9102/metrics"));
        assertThatThrownBy(() -> parse("[pipeline]\ntransfer_metrics = 10.0.0.5:9102\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("console.ini:2")
                .hasMessageContaining("transfer_metrics").hasMessageContaining("http(s) URLs");
        assertThatThrownBy(() -> parse("[pipeline]\nsample_seconds = 0\n", Map.of())).hasMessageContaining("sample_seconds");
    }

    @Test
    void unknownKeysBadValuesAndDisabledAuthAreRejectedWithTheirLine() {
        assertThatThrownBy(() -> parse("[http]\nprot = 80\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("console.ini:2").hasMessageContaining("prot");
        assertThatThrownBy(() -> parse("[http]\nport = 99999\n", Map.of())).hasMessageContaining("port");
        assertThatThrownBy(() -> parse("[etcd]\ncollect_log_key = /no/placeholder\n", Map.of())).hasMessageContaining("collect_log_key");
        assertThatThrownBy(() -> parse("[auth]\nenabled = false\n", Map.of())).hasMessageContaining("enabled");
    }

    @Test
    void etcdTakesTheSharedTlsAndAuthSettings() {
        ConsoleConfig c = parse("""
                [etcd]
                address = https://e1:2379,https://e2:2379
                ca_file = /etc/logagent/etcd-ca.pem
                cert_file = /etc/logagent/console.pem
                key_file = /etc/logagent/console-key.pem
                username = console
                password = editor-secret
                """, Map.of());
        assertThat(c.etcd().connection().endpoints()).containsExactly(URI.create("https://e1:2379"), URI.create("https://e2:2379"));
        assertThat(c.etcd().connection().tls()).isTrue();
        assertThat(c.etcd().connection().certFile()).isEqualTo(Path.of("/etc/logagent/console.pem"));
        assertThat(c.etcd().connection().keyFile()).isEqualTo(Path.of("/etc/logagent/console-key.pem"));
        assertThat(c.etcd().connection().username()).isEqualTo("console");
        assertThat(c.etcd().connection().password()).isEqualTo("editor-secret");
        assertThat(c.etcd().connection().toString()).doesNotContain("editor-secret");
    }
}
