package io.logagent.core.search;

import io.logagent.core.ini.ConfigException;
import io.logagent.core.ini.IniSchema;
import io.logagent.core.ini.Setting;
import io.logagent.core.net.Addresses;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How the transfer and the console reach OpenSearch/Elasticsearch, declared once for both: {@code [es] address,
 * username, password, ca_file, insecure_skip_verify}. {@link #options} turns the parsed values into
 * {@link SearchClientOptions}, from which both build their HTTP client's TLS and authorization.
 */
public final class SearchClientSettings {
    public static final String SECTION = "es";

    public static final Setting<String> ADDRESS = Setting.string(SECTION, "address", "http://127.0.0.1:9200",
            "OpenSearch/Elasticsearch URL(s), comma-separated (tried in turn when one is unreachable); a bare "
                    + "host:port gets http://");
    public static final Setting<String> USERNAME = Setting.string(SECTION, "username", "",
            "basic auth user (empty: send no credentials)");
    public static final Setting<String> PASSWORD = Setting.string(SECTION, "password", "",
            "basic auth password of [es] username (never logged)");
    public static final Setting<String> CA_FILE = Setting.string(SECTION, "ca_file", "",
            "PEM file of the CA that signed the cluster's HTTPS certificate; empty: the JDK's trust store");
    public static final Setting<Boolean> INSECURE_SKIP_VERIFY = Setting.bool(SECTION, "insecure_skip_verify", false,
            "accept ANY certificate and host name (logged as a WARN at start); for throw-away test clusters only");

    /** In the order --help shows them. */
    public static final List<Setting<?>> ALL = List.of(ADDRESS, USERNAME, PASSWORD, CA_FILE, INSECURE_SKIP_VERIFY);

    private SearchClientSettings() {
    }

    /** The parsed settings as client options; {@code source} (the ini file) prefixes any error. */
    public static SearchClientOptions options(IniSchema.Values values, String source) {
        List<URI> addresses = Arrays.stream(values.get(ADDRESS).split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).map(a -> toUri(source, a)).toList();
        if (addresses.isEmpty()) {
            throw new ConfigException(source + ": " + ADDRESS.qualifiedName() + " is empty");
        }
        String username = values.get(USERNAME);
        String password = values.get(PASSWORD);
        if (username.isEmpty() && !password.isEmpty()) {
            throw new ConfigException(source + ": " + PASSWORD.qualifiedName() + " is set but "
                    + USERNAME.qualifiedName() + " is empty");
        }
        String ca = values.get(CA_FILE).strip();
        boolean insecure = values.get(INSECURE_SKIP_VERIFY);
        if (insecure && !ca.isEmpty()) {
            throw new ConfigException(source + ": " + INSECURE_SKIP_VERIFY.qualifiedName() + "=true ignores "
                    + CA_FILE.qualifiedName() + "; set only one of them");
        }
        return new SearchClientOptions(addresses, username, password,
                ca.isEmpty() ? Optional.empty() : Optional.of(Path.of(ca)), insecure);
    }

    /** The seed wrote {@code [es] address=127.0.0.1:9200}; a scheme-less address means plain http. */
    static URI toUri(String source, String address) {
        String withScheme = Addresses.withHttpScheme(address);
        try {
            URI uri = URI.create(withScheme.endsWith("/") ? withScheme.substring(0, withScheme.length() - 1) : withScheme);
            if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException("need http(s)://host[:port]");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + ADDRESS.qualifiedName() + " '" + address + "' is not a URL: "
                    + e.getMessage());
        }
    }
}
