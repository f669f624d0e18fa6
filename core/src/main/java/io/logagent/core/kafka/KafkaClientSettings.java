package io.logagent.core.kafka;

import io.logagent.core.ini.IniSchema;
import io.logagent.core.ini.Setting;

import java.util.List;
import java.util.Locale;

/**
 * The {@code [kafka]} security settings every component (agent, transfer, console) accepts, declared once. Each
 * component adds {@link #SETTINGS} to its schema and turns the values into a {@link KafkaSecurity} with
 * {@link #from(IniSchema.Values)}; {@link KafkaSecurity#clientProperties()} maps them to Kafka client properties,
 * so nobody writes a JAAS line. Pass-through sections ({@code [kafka.producer]}, {@code [kafka.consumer]}) still win.
 */
public final class KafkaClientSettings {
    public static final String SECTION = "kafka";

    public static final List<String> PROTOCOLS = List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    public static final List<String> MECHANISMS = List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

    public static final Setting<String> SECURITY_PROTOCOL = upperOneOf("security_protocol", "PLAINTEXT", PROTOCOLS,
            "How clients talk to the brokers: PLAINTEXT, SSL (TLS), SASL_PLAINTEXT or SASL_SSL (user + password over TLS).");
    public static final Setting<String> SASL_MECHANISM = upperOneOf("sasl_mechanism", "SCRAM-SHA-512", MECHANISMS,
            "SASL mechanism of username/password, with security_protocol SASL_*: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512.");
    public static final Setting<String> USERNAME = Setting.string(SECTION, "username", "",
            "SASL user (security_protocol SASL_PLAINTEXT or SASL_SSL); empty for none.");
    public static final Setting<String> PASSWORD = Setting.string(SECTION, "password", "",
            "SASL password of username (never logged or shown).");
    public static final Setting<String> SSL_CA_FILE = Setting.string(SECTION, "ssl_ca_file", "",
            "PEM file of the CA(s) that signed the brokers' certificates (SSL, SASL_SSL); empty for the JDK's trust.");
    public static final Setting<String> SSL_CERT_FILE = Setting.string(SECTION, "ssl_cert_file", "",
            "PEM certificate chain of this client, for brokers that require client certificates (with ssl_key_file).");
    public static final Setting<String> SSL_KEY_FILE = Setting.string(SECTION, "ssl_key_file", "",
            "PEM private key (unencrypted PKCS#8) of ssl_cert_file.");

    public static final List<Setting<?>> SETTINGS = List.of(SECURITY_PROTOCOL, SASL_MECHANISM, USERNAME, PASSWORD,
            SSL_CA_FILE, SSL_CERT_FILE, SSL_KEY_FILE);

    private KafkaClientSettings() {
    }

    /** The validated security of a component whose schema holds {@link #SETTINGS}; throws naming the setting. */
    public static KafkaSecurity from(IniSchema.Values v) {
        return KafkaSecurity.of(v.get(SECURITY_PROTOCOL), v.get(SASL_MECHANISM), v.isSet(SASL_MECHANISM),
                v.get(USERNAME), v.get(PASSWORD), v.get(SSL_CA_FILE), v.get(SSL_CERT_FILE), v.get(SSL_KEY_FILE));
    }

    private static Setting<String> upperOneOf(String key, String def, List<String> allowed, String doc) {
        return new Setting<>(SECTION, key, s -> s.toUpperCase(Locale.ROOT), def, allowed::contains,
                "one of " + String.join(", ", allowed), doc);
    }
}
