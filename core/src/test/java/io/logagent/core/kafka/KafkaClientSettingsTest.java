package io.logagent.core.kafka;

import io.logagent.core.ini.ConfigException;
import io.logagent.core.ini.IniFile;
import io.logagent.core.ini.IniSchema;
import io.logagent.core.ini.Setting;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.security.auth.login.AppConfigurationEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaClientSettingsTest {

    private static final IniSchema SCHEMA = schema();

    private static IniSchema schema() {
        List<Setting<?>> all = new ArrayList<>(KafkaClientSettings.SETTINGS);
        all.add(Setting.string("kafka", "address", null, "servers"));
        return new IniSchema(all, Set.of("kafka.producer"));
    }

    private static KafkaSecurity parse(String kafkaSection) {
        return KafkaClientSettings.from(SCHEMA.validate(IniFile.parse("c.ini", "[kafka]\naddress=h:1\n" + kafkaSection)));
    }

    @Test
    void withoutSecuritySettingsItIsPlaintext() {
        KafkaSecurity s = parse("");
        assertThat(s.clientProperties()).containsExactly(Map.entry("security.protocol", "PLAINTEXT"));
    }

    @Test
    void saslSslWithScramBuildsTheJaasLineAndPemTrust(@TempDir Path tmp) throws Exception {
        Path ca = Files.writeString(tmp.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        KafkaSecurity s = parse("security_protocol=sasl_ssl\nsasl_mechanism=SCRAM-SHA-256\nusername=agent\n"
                + "password=s3cret\nssl_ca_file=" + ca + "\n");
        Map<String, Object> p = s.clientProperties();
        assertThat(p).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-256")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"agent\" password=\"s3cret\";")
                .containsEntry("ssl.truststore.type", "PEM").containsEntry("ssl.truststore.location", ca.toString())
                .doesNotContainKey("ssl.keystore.type");
    }

    @Test
    void plainMechanismUsesPlainLoginModule() {
        String jaas = (String) parse("security_protocol=SASL_PLAINTEXT\nsasl_mechanism=PLAIN\nusername=u\npassword=p\n")
                .clientProperties().get("sasl.jaas.config");
        assertThat(jaas).startsWith("org.apache.kafka.common.security.plain.PlainLoginModule required");
    }

    @Test
    void quotesAndBackslashesInThePasswordSurviveKafkasJaasParser() {
        String password = "a\"b\\c d;e'f=";
        String jaas = KafkaSecurity.jaasConfig("SCRAM-SHA-512", "we\"ird", password);
        List<AppConfigurationEntry> entries = JaasContext.loadClientContext(
                Map.of("sasl.jaas.config", new Password(jaas))).configurationEntries();
        assertThat(entries).hasSize(1);
        Map<String, ?> options = entries.get(0).getOptions();
        assertThat(options.get("username")).isEqualTo("we\"ird");
        assertThat(options.get("password")).isEqualTo(password);
    }

    @Test
    void clientCertificateAndKeyBecomeAPemKeyStore(@TempDir Path tmp) throws Exception {
        Path cert = Files.writeString(tmp.resolve("c.pem"), "CERT");
        Path key = Files.writeString(tmp.resolve("k.pem"), "KEY");
        Map<String, Object> p = parse("security_protocol=SSL\nssl_cert_file=" + cert + "\nssl_key_file=" + key + "\n")
                .clientProperties();
        assertThat(p).containsEntry("ssl.keystore.type", "PEM").containsEntry("ssl.keystore.certificate.chain", "CERT")
                .containsEntry("ssl.keystore.key", "KEY").doesNotContainKey("sasl.jaas.config");
    }

    @Test
    void invalidCombinationsNameTheSettingToFix(@TempDir Path tmp) throws Exception {
        Path cert = Files.writeString(tmp.resolve("c.pem"), "CERT");
        assertThatThrownBy(() -> parse("security_protocol=SASL_SSL\nusername=agent\n"))
                .isInstanceOf(ConfigException.class).hasMessage("[kafka] username 'agent' needs [kafka] password");
        assertThatThrownBy(() -> parse("security_protocol=SASL_SSL\n"))
                .hasMessageContaining("security_protocol=SASL_SSL needs [kafka] username and password");
        assertThatThrownBy(() -> parse("sasl_mechanism=PLAIN\n"))
                .hasMessageContaining("[kafka] sasl_mechanism=PLAIN needs security_protocol SASL_PLAINTEXT or SASL_SSL");
        assertThatThrownBy(() -> parse("username=u\npassword=p\n"))
                .hasMessageContaining("[kafka] username is only used with security_protocol SASL_");
        assertThatThrownBy(() -> parse("password=p\n")).hasMessageContaining("[kafka] username is empty");
        assertThatThrownBy(() -> parse("ssl_ca_file=" + cert + "\n"))
                .hasMessageContaining("[kafka] ssl_ca_file is only used with security_protocol SSL or SASL_SSL");
        assertThatThrownBy(() -> parse("security_protocol=SSL\nssl_cert_file=" + cert + "\n"))
                .hasMessageContaining("ssl_cert_file and ssl_key_file go together");
        assertThatThrownBy(() -> parse("security_protocol=SSL\nssl_ca_file=" + tmp.resolve("missing.pem") + "\n"))
                .hasMessageContaining("[kafka] ssl_ca_file: cannot read");
        assertThatThrownBy(() -> parse("security_protocol=TLS\n"))
                .hasMessageContaining("bad value 'TLS' for 'security_protocol'");
    }

    @Test
    void thePasswordIsNeverInToString() {
        KafkaSecurity s = parse("security_protocol=SASL_SSL\nusername=agent\npassword=hunter2\n");
        assertThat(s.toString()).contains("agent", "SASL_SSL").doesNotContain("hunter2");
    }
}
