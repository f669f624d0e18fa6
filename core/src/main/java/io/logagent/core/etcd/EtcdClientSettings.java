package io.logagent.core.etcd;

import io.logagent.core.ini.ConfigException;
import io.logagent.core.ini.IniSchema;
import io.logagent.core.ini.Setting;
import io.logagent.core.net.Addresses;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code [etcd]} connection settings every component shares (agent, transfer, console): where etcd is, how
 * long to wait, who we are (user/password, client certificate) and whom we trust (CA). Declared once here; each
 * component adds {@link #settings()} to its schema and its own keys (collect_log_key, prefixes…) beside them.
 * {@link EtcdClients#create(Values)} turns the {@link Values} into a jetcd client.
 */
public final class EtcdClientSettings {
    public static final String SECTION = "etcd";

    public static final Setting<Integer> TIMEOUT = Setting.integer(SECTION, "timeout", 5, 1, 600,
            "Seconds to wait for etcd: to connect, per request, and at start (the agent then falls back to its "
                    + "last known config).");
    public static final Setting<String> USERNAME = Setting.string(SECTION, "username", "",
            "etcd user; empty for none.");
    public static final Setting<String> PASSWORD = Setting.string(SECTION, "password", "",
            "etcd password of username.");
    public static final Setting<String> CA_FILE = Setting.string(SECTION, "ca_file", "",
            "PEM file of the CA that signed etcd's certificate (for https:// endpoints); empty for the JDK's trust.");
    public static final Setting<String> CERT_FILE = Setting.string(SECTION, "cert_file", "",
            "PEM client certificate (chain) shown to etcd when it runs with --client-cert-auth; needs key_file.");
    public static final Setting<String> KEY_FILE = Setting.string(SECTION, "key_file", "",
            "PEM private key (unencrypted PKCS#8) of cert_file.");

    private final Setting<String> address;

    private static final String ADDRESS_DOC = "etcd endpoints, comma separated; http:// is added to host:port "
            + "without a scheme, https:// (or a ca_file) means TLS.";

    private EtcdClientSettings(String defaultAddress, String doc) {
        this.address = Setting.string(SECTION, "address", defaultAddress, doc);
    }

    /**
     * {@code [etcd] address} with a component's own default ({@code null}: required; {@code ""}: optional, empty
     * meaning "no etcd") and what it means there, after the shared description of the endpoints.
     */
    public static EtcdClientSettings withAddress(String defaultOrNull, String meaning) {
        return new EtcdClientSettings(defaultOrNull, ADDRESS_DOC + " " + meaning);
    }

    /** {@code [etcd] address} must be given (the agent, the transfer). */
    public static EtcdClientSettings requiredAddress() {
        return new EtcdClientSettings(null, ADDRESS_DOC);
    }

    /** {@code [etcd] address} defaults to {@code address} (the console: {@code 127.0.0.1:2379}). */
    public static EtcdClientSettings withDefaultAddress(String address) {
        return new EtcdClientSettings(address, ADDRESS_DOC);
    }

    public Setting<String> address() {
        return address;
    }

    /** Every setting, for the component's {@link IniSchema}. */
    public List<Setting<?>> settings() {
        return List.of(address, TIMEOUT, USERNAME, PASSWORD, CA_FILE, CERT_FILE, KEY_FILE);
    }

    /** Reads the validated values; a bad address or a lone cert_file/key_file is a {@link ConfigException}. */
    public Values values(IniSchema.Values v) {
        List<URI> endpoints = Arrays.stream(v.get(address).split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(EtcdClientSettings::endpoint).toList();
        if (endpoints.isEmpty()) {
            throw new ConfigException(address.qualifiedName() + " must name at least one endpoint");
        }
        Path cert = path(v.get(CERT_FILE));
        Path key = path(v.get(KEY_FILE));
        if ((cert == null) != (key == null)) {
            throw new ConfigException("[etcd] cert_file and [etcd] key_file must be given together");
        }
        return new Values(endpoints, Duration.ofSeconds(v.get(TIMEOUT)), v.get(USERNAME), v.get(PASSWORD),
                path(v.get(CA_FILE)), cert, key);
    }

    /** The seed writes etcd addresses as host:port; jetcd needs a scheme. */
    public static URI endpoint(String address) {
        String withScheme = Addresses.withHttpScheme(address);
        try {
            URI uri = URI.create(withScheme);
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new IllegalArgumentException("no host:port");
            }
            if (!uri.getScheme().equals("http") && !uri.getScheme().equals("https")) {
                throw new IllegalArgumentException("scheme is not http or https");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("[etcd] address: '" + address + "' is not host:port or http(s)://host:port", e);
        }
    }

    private static Path path(String value) {
        return value.isBlank() ? null : Path.of(value.strip());
    }

    /**
     * The parsed settings.
     *
     * @param endpoints with scheme, as jetcd needs them
     * @param username  empty for none
     * @param caFile    null for the JDK's default trust
     * @param certFile  null for no client certificate; then {@code keyFile} is null too
     */
    public record Values(List<URI> endpoints, Duration timeout, String username, String password, Path caFile,
                         Path certFile, Path keyFile) {
        public Values {
            endpoints = List.copyOf(endpoints);
        }

        /** Plain endpoints, no auth, no TLS: what tests and the demo use. */
        public static Values plain(List<URI> endpoints, Duration timeout) {
            return new Values(endpoints, timeout, "", "", null, null, null);
        }

        /** A new client built from these settings ({@link EtcdClients#create}); the caller owns and closes it. */
        public io.etcd.jetcd.Client connect() {
            return EtcdClients.create(this);
        }

        /** TLS when any endpoint is https:// or a CA or client certificate is configured. */
        public boolean tls() {
            return caFile != null || certFile != null
                    || endpoints.stream().anyMatch(e -> "https".equals(e.getScheme()));
        }

        /** The endpoints as written in messages: {@code https://10.0.0.5:2379,https://10.0.0.6:2379}. */
        public String endpointsText() {
            return String.join(",", endpoints.stream().map(URI::toString).toList());
        }

        @Override
        public String toString() { // keeps the password out of logs
            return "EtcdClientSettings[endpoints=" + endpoints + ", user=" + username + ", ca_file=" + caFile
                    + ", cert_file=" + certFile + "]";
        }
    }
}
