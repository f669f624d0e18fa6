package io.logagent.core.kafka;

import io.logagent.core.ini.ConfigException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a component authenticates to Kafka and verifies the brokers, from the {@code [kafka]} settings of
 * {@link KafkaClientSettings}. Immutable; {@link #toString()} never shows the password.
 *
 * @param protocol  {@code security.protocol}
 * @param mechanism {@code sasl.mechanism}, used with SASL_* protocols
 * @param username  empty without SASL
 */
public record KafkaSecurity(String protocol, String mechanism, String username, String password,
                            Optional<Path> caFile, Optional<Path> certFile, Optional<Path> keyFile) {

    /** PLAINTEXT, no credentials: what a component without any security setting gets. */
    public static final KafkaSecurity PLAINTEXT = new KafkaSecurity("PLAINTEXT", "SCRAM-SHA-512", "", "",
            Optional.empty(), Optional.empty(), Optional.empty());

    /** Validates the combination; every message names the setting to fix. */
    static KafkaSecurity of(String protocol, String mechanism, boolean mechanismSet, String username, String password,
                            String caFile, String certFile, String keyFile) {
        boolean sasl = protocol.startsWith("SASL_");
        boolean tls = protocol.endsWith("SSL");
        String u = username.strip();
        if (!u.isEmpty() && password.isEmpty()) {
            throw new ConfigException("[kafka] username '" + u + "' needs [kafka] password");
        }
        if (u.isEmpty() && !password.isEmpty()) {
            throw new ConfigException("[kafka] password is set but [kafka] username is empty");
        }
        if (sasl && u.isEmpty()) {
            throw new ConfigException("[kafka] security_protocol=" + protocol + " needs [kafka] username and password");
        }
        if (!sasl && !u.isEmpty()) {
            throw new ConfigException("[kafka] username is only used with security_protocol SASL_PLAINTEXT or SASL_SSL,"
                    + " not " + protocol);
        }
        if (!sasl && mechanismSet) {
            throw new ConfigException("[kafka] sasl_mechanism=" + mechanism + " needs security_protocol SASL_PLAINTEXT"
                    + " or SASL_SSL, not " + protocol);
        }
        Optional<Path> ca = file("ssl_ca_file", caFile, tls, protocol);
        Optional<Path> cert = file("ssl_cert_file", certFile, tls, protocol);
        Optional<Path> key = file("ssl_key_file", keyFile, tls, protocol);
        if (cert.isPresent() != key.isPresent()) {
            throw new ConfigException("[kafka] ssl_cert_file and ssl_key_file go together: set both or neither");
        }
        return new KafkaSecurity(protocol, mechanism, u, password, ca, cert, key);
    }

    private static Optional<Path> file(String key, String value, boolean tls, String protocol) {
        if (value.isBlank()) {
            return Optional.empty();
        }
        if (!tls) {
            throw new ConfigException("[kafka] " + key + " is only used with security_protocol SSL or SASL_SSL, not "
                    + protocol);
        }
        Path p = Path.of(value.strip());
        if (!Files.isReadable(p)) {
            throw new ConfigException("[kafka] " + key + ": cannot read " + p);
        }
        return Optional.of(p);
    }

    public boolean sasl() {
        return protocol.startsWith("SASL_");
    }

    /**
     * The Kafka client properties (producer, consumer and admin alike): {@code security.protocol}; for SASL the
     * mechanism and a {@code sasl.jaas.config} built here; for TLS PEM trust and key stores. Reads the PEM files.
     */
    public Map<String, Object> clientProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("security.protocol", protocol);
        if (sasl()) {
            p.put("sasl.mechanism", mechanism);
            p.put("sasl.jaas.config", jaasConfig(mechanism, username, password));
        }
        caFile.ifPresent(ca -> {
            p.put("ssl.truststore.type", "PEM");
            p.put("ssl.truststore.location", ca.toString());
        });
        if (certFile.isPresent() && keyFile.isPresent()) {
            // Kafka takes a PEM key store either as one file holding key and chain or as the two PEM texts; the
            // texts let the operator keep the usual separate cert and key files. Both are Password-type configs,
            // which Kafka's config logging hides.
            p.put("ssl.keystore.type", "PEM");
            p.put("ssl.keystore.certificate.chain", read("ssl_cert_file", certFile.get()));
            p.put("ssl.keystore.key", read("ssl_key_file", keyFile.get()));
        }
        return p;
    }

    /**
     * The login line for {@code mechanism}. Values are quoted, with backslash and double quote escaped: the JAAS
     * parser Kafka uses ({@link java.io.StreamTokenizer} with {@code "} as quote) would otherwise end the value at
     * the first quote of a password.
     */
    static String jaasConfig(String mechanism, String username, String password) {
        String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        return module + " required username=\"" + quote(username) + "\" password=\"" + quote(password) + "\";";
    }

    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String read(String key, Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("[kafka] " + key + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Who connects, for messages: {@code user 'agent'}, or the transport when there is no user. */
    public String principal() {
        return sasl() ? "user '" + username + "'" : certFile.isPresent() ? "the client certificate" : "the connection";
    }

    @Override
    public String toString() {
        return "KafkaSecurity[protocol=" + protocol + (sasl() ? ", mechanism=" + mechanism + ", user=" + username : "")
                + caFile.map(f -> ", ca=" + f).orElse("") + certFile.map(f -> ", cert=" + f).orElse("") + "]";
    }
}
