package io.logagent.core.etcd;

import io.etcd.jetcd.Client;
import io.logagent.core.ini.ConfigException;
import io.logagent.core.ini.IniFile;
import io.logagent.core.ini.IniSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EtcdClientSettingsTest {
    private static final EtcdClientSettings REQUIRED = EtcdClientSettings.requiredAddress();

    private static EtcdClientSettings.Values parse(EtcdClientSettings settings, String ini) {
        IniSchema schema = new IniSchema(settings.settings(), Set.of());
        return settings.values(schema.validate(IniFile.parse("test.ini", ini)));
    }

    @Test
    void theSeedsHostPortGetsAScheme() {
        EtcdClientSettings.Values v = parse(REQUIRED, "[etcd]\naddress=127.0.0.1:2379\ntimeout=7\n");
        assertThat(v.endpoints()).containsExactly(URI.create("http://127.0.0.1:2379"));
        assertThat(v.timeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(v.tls()).isFalse();
        assertThat(v.username()).isEmpty();
        assertThat(v.caFile()).isNull();
        assertThat(v.certFile()).isNull();
    }

    @Test
    void httpsEndpointsOrACaFileMeanTls() {
        assertThat(parse(REQUIRED, "[etcd]\naddress=https://e1:2379, https://e2:2379\n").tls()).isTrue();
        EtcdClientSettings.Values v = parse(REQUIRED, "[etcd]\naddress=e1:2379\nca_file=/etc/ca.pem\n"
                + "cert_file=/etc/agent.pem\nkey_file=/etc/agent-key.pem\nusername=agent\npassword=s3cret\n");
        assertThat(v.tls()).isTrue();
        assertThat(v.caFile()).isEqualTo(Path.of("/etc/ca.pem"));
        assertThat(v.certFile()).isEqualTo(Path.of("/etc/agent.pem"));
        assertThat(v.keyFile()).isEqualTo(Path.of("/etc/agent-key.pem"));
        assertThat(v.toString()).contains("agent").doesNotContain("s3cret");
        assertThat(v.endpointsText()).isEqualTo("http://e1:2379");
    }

    @Test
    void theConsoleDefaultsItsAddressTheAgentRequiresIt() {
        assertThat(parse(EtcdClientSettings.withDefaultAddress("127.0.0.1:2379"), "").endpoints())
                .containsExactly(URI.create("http://127.0.0.1:2379"));
        assertThatThrownBy(() -> parse(REQUIRED, "[etcd]\ntimeout=5\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("address");
    }

    @Test
    void badValuesNameTheSetting() {
        assertThatThrownBy(() -> parse(REQUIRED, "[etcd]\naddress=e1:2379\ncert_file=/a.pem\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("[etcd] cert_file and [etcd] key_file");
        assertThatThrownBy(() -> parse(REQUIRED, "[etcd]\naddress=ftp://e1:2379\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("[etcd] address");
        assertThatThrownBy(() -> parse(REQUIRED, "[etcd]\naddress=e1\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("[etcd] address");
    }

    @Test
    void anUnreadableFileIsAConfigErrorNamingTheSetting(@TempDir Path tmp) throws Exception {
        EtcdClientSettings.Values missingCa = parse(REQUIRED, "[etcd]\naddress=https://e1:2379\nca_file="
                + tmp.resolve("missing.pem") + "\n");
        assertThatThrownBy(() -> EtcdClients.create(missingCa)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("[etcd] ca_file").hasMessageContaining("missing.pem");
        Path notPem = Files.writeString(tmp.resolve("ca.pem"), "not a certificate");
        EtcdClientSettings.Values badCa = parse(REQUIRED, "[etcd]\naddress=https://e1:2379\nca_file=" + notPem + "\n");
        assertThatThrownBy(() -> EtcdClients.create(badCa)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("[etcd] ca_file");
    }

    @Test
    void aPlainClientIsBuiltWithoutTouchingTheNetwork() {
        try (Client client = EtcdClients.create(parse(REQUIRED, "[etcd]\naddress=127.0.0.1:1\nusername=u\npassword=p\n"))) {
            assertThat(client.getKVClient()).isNotNull();
        }
    }
}
