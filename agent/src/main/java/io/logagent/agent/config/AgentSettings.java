package io.logagent.agent.config;

import io.logagent.agent.tail.TailSettings;
import io.logagent.core.etcd.EtcdClientSettings;
import io.logagent.core.etcd.EtcdSettings;
import io.logagent.core.ini.IniSchema;
import io.logagent.core.ini.Setting;
import io.logagent.core.kafka.KafkaClientSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Every setting of the agent's ini file, declared once with its default, valid range and meaning. The seed's
 * {@code conf/config.ini} ({@code [kafka] address, chan_max_size}, {@code [etcd] address, timeout,
 * collect_log_key}) is a valid file of this schema; everything else is optional.
 */
public final class AgentSettings {

    static final String KAFKA = "kafka";
    static final String ETCD = "etcd";
    static final String AGENT = "agent";
    /** Raw producer properties (TLS, SASL, anything else); they win over every value the agent derives. */
    public static final String KAFKA_PRODUCER = "kafka.producer";

    // [kafka]
    public static final Setting<String> KAFKA_ADDRESS = Setting.string(KAFKA, "address", null,
            "Kafka bootstrap servers, comma separated host:port.");
    public static final Setting<Integer> KAFKA_CHAN_MAX_SIZE = Setting.integer(KAFKA, "chan_max_size", 100_000, 1,
            10_000_000, "Most records in flight to Kafka (the seed's channel size); tailers pause when reached.");
    public static final Setting<Long> KAFKA_MAX_IN_FLIGHT_BYTES = Setting.longValue(KAFKA, "max_in_flight_bytes",
            8L << 20, 1L << 20, 4L << 30, "Most bytes in flight to Kafka, each event counting its line + 512 B of "
                    + "bookkeeping (so this bounds the heap they take); tailers pause when reached, the files are the "
                    + "buffer. The launcher's -Xmx64m holds the default; raise both together.");
    public static final Setting<String> KAFKA_ACKS = oneOf(KAFKA, "acks", "all", List.of("all", "1", "0"),
            "Producer acks. 'all' keeps idempotence (no duplicates on retry); '1' or '0' turn it off.");
    public static final Setting<String> KAFKA_COMPRESSION = oneOf(KAFKA, "compression", "lz4",
            List.of("none", "gzip", "snappy", "lz4", "zstd"), "Producer compression.type.");
    public static final Setting<Integer> KAFKA_LINGER_MS = Setting.integer(KAFKA, "linger_ms", 5, 0, 60_000,
            "Producer linger.ms: how long a batch waits to fill.");
    public static final Setting<Integer> KAFKA_BATCH_SIZE = Setting.integer(KAFKA, "batch_size", 256 << 10, 1024,
            64 << 20, "Producer batch.size in bytes.");

    // [etcd]: core declares the connection settings (EtcdClientSettings) and the key layout (EtcdSettings), with
    // the same names, defaults and meaning in every component
    public static final EtcdClientSettings ETCD_CLIENT = EtcdClientSettings.requiredAddress();
    public static final Setting<String> ETCD_ADDRESS = ETCD_CLIENT.address();
    public static final Setting<String> ETCD_COLLECT_LOG_KEY = EtcdSettings.COLLECT_LOG_KEY;
    public static final Setting<String> ETCD_GROUP_KEY = EtcdSettings.GROUP_KEY;
    public static final Setting<String> ETCD_STATUS_PREFIX = EtcdSettings.STATUS_PREFIX;
    public static final Setting<Integer> ETCD_STATUS_TTL = Setting.integer(ETCD, "status_ttl", 15, 3, 300,
            "Seconds of the status key's lease: after a crash the host shows offline within about this long.");

    // [agent]
    public static final Setting<String> AGENT_IP = Setting.string(AGENT, "ip", "",
            "This host's IP used in etcd keys and the host header; empty to detect the outbound address.");
    public static final Setting<String> AGENT_GROUPS = Setting.string(AGENT, "groups", "",
            "Comma separated group names whose config (group_key) this agent also collects.");
    public static final Setting<String> AGENT_DATA_DIR = Setting.string(AGENT, "data_dir", "./data/agent",
            "Directory of the offsets registry and the last known config.");
    public static final Setting<Integer> AGENT_HTTP_PORT = Setting.port(AGENT, "http_port", -1, true,
            "Port of /health, /status and /metrics");
    public static final Setting<String> AGENT_HTTP_HOST = Setting.string(AGENT, "http_host", "127.0.0.1",
            "Address the HTTP endpoint binds; 0.0.0.0 to let Prometheus scrape from other hosts.");
    public static final Setting<String> AGENT_ALLOW_PATHS = Setting.string(AGENT, "allow_paths", "/var/log/**",
            "Comma separated globs; entries whose path is outside them are refused (etcd writers cannot ship /etc/shadow).");
    public static final Setting<String> AGENT_ON_KEY_DELETE = oneOf(AGENT, "on_key_delete", "keep",
            List.of("keep", "stop"), "When the config key is deleted: keep collecting the last config, or stop everything.");
    public static final Setting<Integer> AGENT_STOP_TIMEOUT = Setting.integer(AGENT, "stop_timeout_ms", 10_000,
            100, 600_000, "How long the collectors being stopped (reload or shutdown) may take to hand over their offsets; "
                    + "at shutdown never beyond the process's one stop budget (30 s for all its components), of which "
                    + "the other parts (shipper flush, registry, status) get what the collectors leave.");

    public static final IniSchema SCHEMA = new IniSchema(all(), Set.of(KAFKA_PRODUCER));

    private AgentSettings() {
    }

    private static List<Setting<?>> all() {
        List<Setting<?>> all = new ArrayList<>(List.of(KAFKA_ADDRESS, KAFKA_CHAN_MAX_SIZE, KAFKA_MAX_IN_FLIGHT_BYTES,
                KAFKA_ACKS, KAFKA_COMPRESSION, KAFKA_LINGER_MS, KAFKA_BATCH_SIZE));
        all.addAll(ETCD_CLIENT.settings()); // --help lists each section once, in this order
        all.addAll(List.of(ETCD_COLLECT_LOG_KEY, ETCD_GROUP_KEY, ETCD_STATUS_PREFIX, ETCD_STATUS_TTL,
                AGENT_IP, AGENT_GROUPS, AGENT_DATA_DIR, AGENT_HTTP_PORT, AGENT_HTTP_HOST, AGENT_ALLOW_PATHS,
                AGENT_ON_KEY_DELETE, AGENT_STOP_TIMEOUT));
        all.addAll(KafkaClientSettings.SETTINGS);
        all.addAll(TailSettings.SETTINGS);
        return all;
    }

    private static Setting<String> oneOf(String section, String key, String def, List<String> allowed, String doc) {
        return new Setting<>(section, key, s -> s.toLowerCase(Locale.ROOT), def, allowed::contains,
                "one of " + String.join(", ", allowed), doc);
    }
}
