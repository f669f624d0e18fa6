package io.logagent.console.config;

import io.logagent.console.alerts.AlertSettings;
import io.logagent.core.etcd.EtcdClientSettings;
import io.logagent.core.etcd.EtcdKeyLayout;
import io.logagent.core.etcd.EtcdSettings;
import io.logagent.core.ini.ConfigException;
import io.logagent.core.ini.IniFile;
import io.logagent.core.ini.IniSchema;
import io.logagent.core.ini.Setting;
import io.logagent.core.kafka.KafkaClientSettings;
import io.logagent.core.kafka.KafkaSecurity;
import io.logagent.core.search.SearchClientOptions;
import io.logagent.core.search.SearchClientSettings;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The console's settings, parsed once at the edge into an immutable record. Every key is declared in
 * {@link #SCHEMA}; an unknown key is an error with its line, never silently ignored.
 */
public record ConsoleConfig(Http http, Es es, Etcd etcd, Kafka kafka, Auth auth, Pipeline pipeline, Path dataDir,
                            AlertSettings.Values alerts) {

    /** {@code tls} present = serve HTTPS (with HSTS and Secure cookies) instead of plain HTTP. */
    public record Http(String bind, int port, Optional<Tls> tls) {
        public Http(String bind, int port) {
            this(bind, port, Optional.empty());
        }

        public String scheme() {
            return tls.isPresent() ? "https" : "http";
        }
    }

    /** The console's own certificate chain and PKCS#8 key, PEM files. */
    public record Tls(Path certFile, Path keyFile) { }

    /** How to reach the search engine ({@code username} empty = no authentication) and what to search. */
    public record Es(SearchClientOptions search, String index) {
        /** The first of the configured node URLs. */
        public URI address() {
            return search.addresses().get(0);
        }
    }

    /**
     * @param connection {@code [etcd]} address, timeout, credentials and TLS files (core's shared settings)
     * @param keys       where host and group configs and agent statuses live (core's layout, shared with the agent)
     */
    public record Etcd(EtcdClientSettings.Values connection, EtcdKeyLayout keys, String auditPrefix,
                       String savedSearchPrefix) {
        /** The first endpoint, for messages. */
        public String endpoint() {
            return connection.endpoints().getFirst().toString();
        }

        /** The etcd key of one host's collect config. */
        public String hostKey(String ip) {
            return keys.hostKey(ip);
        }

        public String groupKey(String name) {
            return keys.groupKey(name);
        }

        public String statusPrefix() {
            return keys.statusPrefix();
        }

    }

    /** {@code address} empty = Kafka monitoring switched off. */
    public record Kafka(String address, String groupId, KafkaSecurity security, String deadLetterTopic) { }

    /**
     * When the Pipeline page flags a topic whose newest indexed line is this old: amber, then red; how often the
     * console samples its time series, and which transfers' {@code /metrics} it reads for bulk latency (may be empty).
     */
    public record Pipeline(Duration staleWarn, Duration staleError, Duration sampleInterval, List<URI> transferMetrics) {
        public Pipeline(Duration staleWarn, Duration staleError) {
            this(staleWarn, staleError, Duration.ofSeconds(10), List.of());
        }
    }

    /** {@code adminPassword} empty = take it from the users file, or generate one at first start. */
    public record Auth(String adminPassword, Path usersFile) { }

    public static final Setting<String> HTTP_BIND = Setting.string("http", "bind", "127.0.0.1",
            "address the web server listens on; 127.0.0.1 keeps the console private to this machine");
    public static final Setting<Integer> HTTP_PORT = Setting.port("http", "port", 8080, false,
            "HTTP port of the console");
    public static final Setting<String> HTTP_TLS_CERT_FILE = Setting.string("http", "tls_cert_file", "",
            "PEM certificate chain of the console; with tls_key_file set, the console serves HTTPS only (HSTS, "
                    + "Secure cookies)");
    public static final Setting<String> HTTP_TLS_KEY_FILE = Setting.string("http", "tls_key_file", "",
            "PEM private key (unencrypted PKCS#8) of tls_cert_file");
    public static final Setting<String> ES_INDEX = Setting.string("es", "index", "logagent",
            "index or alias searched (the transfer puts every daily index into this alias)");
    public static final EtcdClientSettings ETCD_CLIENT = EtcdClientSettings.withDefaultAddress("127.0.0.1:2379");
    public static final Setting<String> ETCD_ADDRESS = ETCD_CLIENT.address();
    // shared with the agent and the transfer (core's EtcdSettings): same names, defaults and meaning
    public static final Setting<String> ETCD_COLLECT_LOG_KEY = EtcdSettings.COLLECT_LOG_KEY;
    public static final Setting<String> ETCD_GROUP_KEY = EtcdSettings.GROUP_KEY;
    public static final Setting<String> ETCD_STATUS_PREFIX = EtcdSettings.STATUS_PREFIX;
    public static final Setting<String> ETCD_AUDIT_PREFIX = prefix("audit_prefix", "/logagent/audit/",
            "prefix of the config-change audit records");
    public static final Setting<String> ETCD_SAVED_SEARCH_PREFIX = prefix("saved_search_prefix",
            "/logagent/saved-searches/", "prefix of the users' saved searches (query and time range, one key each)");
    public static final Setting<String> KAFKA_ADDRESS = Setting.string("kafka", "address", "",
            "bootstrap servers for pipeline monitoring; empty switches Kafka monitoring off");
    public static final Setting<String> KAFKA_GROUP_ID = Setting.string("kafka", "group_id", "logagent-transfer",
            "the transfer's consumer group, whose lag is shown");
    // the transfer's own setting (core's DeadLetterHeaders): the Pipeline page shows its most recent records
    public static final Setting<String> KAFKA_DEAD_LETTER_TOPIC = io.logagent.core.event.DeadLetterHeaders.TOPIC_SETTING;
    public static final Setting<String> AUTH_ADMIN_PASSWORD = Setting.string("auth", "admin_password", "",
            "password of user 'admin'; empty: env LOGAGENT_ADMIN_PASSWORD, else the users file, else generated once");
    public static final Setting<String> AUTH_USERS_FILE = Setting.string("auth", "users_file", "",
            "users and password hashes (JSON); empty = <data_dir>/users.json");
    public static final Setting<Boolean> AUTH_ENABLED = new Setting<>("auth", "enabled", Boolean::parseBoolean, "true",
            v -> v, "true (authentication cannot be switched off)", "kept for compatibility; must be true");
    public static final Setting<Integer> PIPELINE_STALE_WARN = Setting.integer("pipeline", "stale_warn_seconds", 300,
            1, 365 * 86_400, "the Pipeline page shows a topic amber (stale) when its newest indexed line is older");
    public static final Setting<Integer> PIPELINE_STALE_ERROR = Setting.integer("pipeline", "stale_error_seconds",
            3600, 1, 365 * 86_400, "... and red when older than this (keep it above stale_warn_seconds)");
    public static final Setting<Integer> PIPELINE_SAMPLE_SECONDS = Setting.integer("pipeline", "sample_seconds", 10,
            1, 360, "the Pipeline page's time series (last hour) take one point this often");
    public static final Setting<List<URI>> PIPELINE_TRANSFER_METRICS = new Setting<>("pipeline", "transfer_metrics",
            ConsoleConfig::uris, "", l -> l.stream().allMatch(u -> u.getHost() != null && u.getScheme().startsWith("http")),
            "comma-separated http(s) URLs", "each transfer's /metrics (its [http] port), read for the bulk latency "
            + "series; empty = that series is off");
    public static final Setting<String> CONSOLE_DATA_DIR = Setting.string("console", "data_dir", "data/console",
            "directory for the console's own files");

    public static final IniSchema SCHEMA = new IniSchema(all(), Set.of());

    private static List<Setting<?>> all() {
        List<Setting<?>> all = new ArrayList<>(List.of(HTTP_BIND, HTTP_PORT, HTTP_TLS_CERT_FILE, HTTP_TLS_KEY_FILE));
        all.addAll(SearchClientSettings.ALL);
        all.add(ES_INDEX);
        all.addAll(ETCD_CLIENT.settings());
        all.addAll(List.of(ETCD_COLLECT_LOG_KEY, ETCD_STATUS_PREFIX, ETCD_GROUP_KEY,
                ETCD_AUDIT_PREFIX, ETCD_SAVED_SEARCH_PREFIX, KAFKA_ADDRESS, KAFKA_GROUP_ID, KAFKA_DEAD_LETTER_TOPIC));
        all.addAll(KafkaClientSettings.SETTINGS);
        all.addAll(List.of(AUTH_ADMIN_PASSWORD, AUTH_USERS_FILE, AUTH_ENABLED, PIPELINE_STALE_WARN,
                PIPELINE_STALE_ERROR, PIPELINE_SAMPLE_SECONDS,
                PIPELINE_TRANSFER_METRICS, CONSOLE_DATA_DIR));
        all.addAll(AlertSettings.ALL);
        return all;
    }

    private static List<URI> uris(String text) {
        return java.util.Arrays.stream(text.split(",")).map(String::strip).filter(u -> !u.isEmpty())
                .map(URI::create).toList();
    }

    private static Setting<String> prefix(String key, String def, String doc) {
        return new Setting<>("etcd", key, s -> s, def, s -> s.startsWith("/") && s.endsWith("/"),
                "a key prefix starting and ending with /", doc);
    }

    public static ConsoleConfig load(Path file) throws IOException {
        return from(IniFile.read(file), System.getenv());
    }

    /** {@code env} supplies LOGAGENT_ADMIN_PASSWORD when the file leaves admin_password empty. */
    public static ConsoleConfig from(IniFile ini, Map<String, String> env) {
        IniSchema.Values v = SCHEMA.validate(ini);
        Path dataDir = Path.of(v.get(CONSOLE_DATA_DIR));
        String users = v.get(AUTH_USERS_FILE);
        String adminPassword = Optional.of(v.get(AUTH_ADMIN_PASSWORD)).filter(s -> !s.isEmpty())
                .orElse(env.getOrDefault("LOGAGENT_ADMIN_PASSWORD", ""));
        int staleError = v.get(PIPELINE_STALE_ERROR);
        if (staleError <= v.get(PIPELINE_STALE_WARN)) {
            throw new ConfigException(ini.source() + ": [pipeline] stale_error_seconds (" + staleError
                    + ") must be above stale_warn_seconds (" + v.get(PIPELINE_STALE_WARN) + ")");
        }
        return new ConsoleConfig(
                new Http(v.get(HTTP_BIND), v.get(HTTP_PORT), tls(ini, v)),
                new Es(SearchClientSettings.options(v, ini.source()), v.get(ES_INDEX)),
                new Etcd(ETCD_CLIENT.values(v), EtcdSettings.layout(v), v.get(ETCD_AUDIT_PREFIX),
                        v.get(ETCD_SAVED_SEARCH_PREFIX)),
                new Kafka(v.get(KAFKA_ADDRESS), v.get(KAFKA_GROUP_ID), KafkaClientSettings.from(v),
                        v.get(KAFKA_DEAD_LETTER_TOPIC)),
                new Auth(adminPassword, users.isEmpty() ? dataDir.resolve("users.json") : Path.of(users)),
                new Pipeline(Duration.ofSeconds(v.get(PIPELINE_STALE_WARN)), Duration.ofSeconds(staleError),
                        Duration.ofSeconds(v.get(PIPELINE_SAMPLE_SECONDS)), v.get(PIPELINE_TRANSFER_METRICS)),
                dataDir, AlertSettings.from(v, ini.source()));
    }

    private static Optional<Tls> tls(IniFile ini, IniSchema.Values v) {
        String cert = v.get(HTTP_TLS_CERT_FILE).strip();
        String key = v.get(HTTP_TLS_KEY_FILE).strip();
        if (cert.isEmpty() != key.isEmpty()) {
            throw new ConfigException(ini.source() + ": " + HTTP_TLS_CERT_FILE.qualifiedName() + " and "
                    + HTTP_TLS_KEY_FILE.qualifiedName() + " must be set together");
        }
        return cert.isEmpty() ? Optional.empty() : Optional.of(new Tls(Path.of(cert), Path.of(key)));
    }
}
