package io.logagent.console.config;

import io.logagent.core.etcd.EtcdClientSettings;
import io.logagent.core.ini.ConfigException;
import io.logagent.core.ini.IniFile;
import io.logagent.core.ini.IniSchema;
import io.logagent.core.ini.Setting;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The console's settings, parsed once at the edge into an immutable record. Every key is declared in
 * {@link #SCHEMA}; an unknown key is an error with its line, never silently ignored.
 */
public record ConsoleConfig(Http http, Es es, Etcd etcd, Kafka kafka, Auth auth, Path dataDir) {

    public record Http(String bind, int port) { }

    /** {@code username} empty = no authentication towards the search engine. */
    public record Es(URI address, String index, String username, String password) { }

    /** @param client {@code [etcd]} address, timeout, credentials and TLS files (core's shared settings) */
    public record Etcd(EtcdClientSettings.Values client, String collectLogKey, String statusPrefix,
                       String groupsPrefix, String auditPrefix) {
        /** The first endpoint, for messages. */
        public String endpoint() {
            return client.endpoints().getFirst().toString();
        }

        /** The etcd key of one host's collect config. */
        public String hostKey(String ip) {
            return collectLogKey.formatted(ip);
        }

        public String groupKey(String name) {
            return groupsPrefix + name + "/collect_config";
        }
    }

    /** {@code address} empty = Kafka monitoring switched off. */
    public record Kafka(String address, String groupId) { }

    /** {@code adminPassword} empty = take it from the users file, or generate one at first start. */
    public record Auth(String adminPassword, Path usersFile) { }

    public static final Setting<String> HTTP_BIND = Setting.string("http", "bind", "127.0.0.1",
            "address the web server listens on; 127.0.0.1 keeps the console private to this machine");
    public static final Setting<Integer> HTTP_PORT = Setting.integer("http", "port", 8080, 0, 65535,
            "HTTP port; 0 picks a free one");
    public static final Setting<String> ES_ADDRESS = Setting.string("es", "address", "http://127.0.0.1:9200",
            "OpenSearch/Elasticsearch base URL");
    public static final Setting<String> ES_INDEX = Setting.string("es", "index", "logagent",
            "index or alias searched (the transfer puts every daily index into this alias)");
    public static final Setting<String> ES_USERNAME = Setting.string("es", "username", "", "basic-auth user, empty for none");
    public static final Setting<String> ES_PASSWORD = Setting.string("es", "password", "", "basic-auth password");
    public static final EtcdClientSettings ETCD_CLIENT = EtcdClientSettings.withDefaultAddress("127.0.0.1:2379");
    public static final Setting<String> ETCD_ADDRESS = ETCD_CLIENT.address();
    public static final Setting<String> ETCD_COLLECT_LOG_KEY = new Setting<>("etcd", "collect_log_key", s -> s,
            "/logagent/%s/collect_config", s -> s.indexOf("%s") > 0 && s.indexOf("%s") == s.lastIndexOf("%s"),
            "a key template with exactly one %s (the host IP)", "key template of a host's collect config");
    public static final Setting<String> ETCD_STATUS_PREFIX = prefix("status_prefix", "/logagent/status/",
            "prefix of the agents' leased status keys");
    public static final Setting<String> ETCD_GROUPS_PREFIX = prefix("groups_prefix", "/logagent/groups/",
            "prefix of group collect configs (<prefix><name>/collect_config)");
    public static final Setting<String> ETCD_AUDIT_PREFIX = prefix("audit_prefix", "/logagent/audit/",
            "prefix of the config-change audit records");
    public static final Setting<String> KAFKA_ADDRESS = Setting.string("kafka", "address", "",
            "bootstrap servers for pipeline monitoring; empty switches Kafka monitoring off");
    public static final Setting<String> KAFKA_GROUP_ID = Setting.string("kafka", "group_id", "logagent-transfer",
            "the transfer's consumer group, whose lag is shown");
    public static final Setting<String> AUTH_ADMIN_PASSWORD = Setting.string("auth", "admin_password", "",
            "password of user 'admin'; empty: env LOGAGENT_ADMIN_PASSWORD, else the users file, else generated once");
    public static final Setting<String> AUTH_USERS_FILE = Setting.string("auth", "users_file", "",
            "users and password hashes (JSON); empty = <data_dir>/users.json");
    public static final Setting<Boolean> AUTH_ENABLED = new Setting<>("auth", "enabled", Boolean::parseBoolean, "true",
            v -> v, "true (authentication cannot be switched off)", "kept for compatibility; must be true");
    public static final Setting<String> CONSOLE_DATA_DIR = Setting.string("console", "data_dir", "data/console",
            "directory for the console's own files");

    public static final IniSchema SCHEMA = new IniSchema(Stream.concat(Stream.of(HTTP_BIND, HTTP_PORT, ES_ADDRESS,
            ES_INDEX, ES_USERNAME, ES_PASSWORD), Stream.concat(ETCD_CLIENT.settings().stream(), Stream.of(
            ETCD_COLLECT_LOG_KEY, ETCD_STATUS_PREFIX, ETCD_GROUPS_PREFIX, ETCD_AUDIT_PREFIX, KAFKA_ADDRESS,
            KAFKA_GROUP_ID, AUTH_ADMIN_PASSWORD, AUTH_USERS_FILE, AUTH_ENABLED, CONSOLE_DATA_DIR))).toList(), Set.of());

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
        URI es;
        try {
            es = URI.create(stripSlash(v.get(ES_ADDRESS)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(ini.source() + ": bad [es] address: " + e.getMessage());
        }
        return new ConsoleConfig(
                new Http(v.get(HTTP_BIND), v.get(HTTP_PORT)),
                new Es(es, v.get(ES_INDEX), v.get(ES_USERNAME), v.get(ES_PASSWORD)),
                new Etcd(ETCD_CLIENT.values(v), v.get(ETCD_COLLECT_LOG_KEY), v.get(ETCD_STATUS_PREFIX),
                        v.get(ETCD_GROUPS_PREFIX), v.get(ETCD_AUDIT_PREFIX)),
                new Kafka(v.get(KAFKA_ADDRESS), v.get(KAFKA_GROUP_ID)),
                new Auth(adminPassword, users.isEmpty() ? dataDir.resolve("users.json") : Path.of(users)),
                dataDir);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
