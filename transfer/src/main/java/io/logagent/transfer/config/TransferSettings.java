package io.logagent.transfer.config;

import io.logagent.core.etcd.EtcdClientSettings;
import io.logagent.core.etcd.EtcdSettings;
import io.logagent.core.ini.IniSchema;
import io.logagent.core.ini.Setting;
import io.logagent.core.kafka.KafkaClientSettings;
import io.logagent.core.search.SearchClientSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every key the transfer's ini accepts, declared once. The seed's logTransfer keys ({@code [kafka] address, topic},
 * {@code [es] address, chan_size, nums}) keep their names; everything else is optional.
 */
public final class TransferSettings {

    public static final String KAFKA = "kafka";
    public static final String KAFKA_CONSUMER = "kafka.consumer";
    public static final String KAFKA_PRODUCER = "kafka.producer";
    public static final String ES = "es";
    public static final String TRANSFER = "transfer";
    public static final String ETCD = EtcdSettings.SECTION;

    public static final Setting<String> KAFKA_ADDRESS = Setting.string(KAFKA, "address", "127.0.0.1:9092",
            "Kafka bootstrap servers, host:port[,host:port]");
    public static final Setting<String> TOPIC = Setting.string(KAFKA, "topic", "",
            "comma-separated topics to consume (the seed's key); without [etcd] address, topic and/or topic_pattern "
                    + "must be set; with it, these are consumed besides the topics etcd names");
    public static final Setting<String> TOPIC_PATTERN = Setting.string(KAFKA, "topic_pattern", "",
            "Java regex: also consume every topic whose name matches (new topics are picked up)");
    public static final Setting<String> GROUP_ID = Setting.string(KAFKA, "group_id", "logagent-transfer",
            "consumer group; transfer processes with the same group share the partitions");
    public static final Setting<String> DEAD_LETTER_TOPIC = io.logagent.core.event.DeadLetterHeaders.TOPIC_SETTING;

    public static final Setting<Integer> CHAN_SIZE = Setting.integer(ES, "chan_size", 100_000, 1, 10_000_000,
            "the seed's channel size: at most this many documents are buffered (batching + in flight) before "
                    + "consumption pauses");
    public static final Setting<Integer> NUMS = Setting.integer(ES, "nums", 16, 1, 256,
            "the seed's worker count: at most this many bulk requests in flight");
    public static final Setting<Integer> BULK_MAX_DOCS = Setting.integer(ES, "bulk_max_docs", 5000, 1, 1_000_000,
            "a bulk request holds at most this many documents");
    public static final Setting<Long> BULK_MAX_BYTES = Setting.longValue(ES, "bulk_max_bytes", 5L << 20, 1024,
            1L << 30, "a bulk request holds at most about this many bytes of documents");
    /** Short by default: a line should be searchable within seconds; at high rates batches fill by count first. */
    public static final Setting<Long> FLUSH_INTERVAL_MS = Setting.longValue(ES, "flush_interval_ms", 250, 1,
            3_600_000, "a partly filled bulk request is sent after this long");
    public static final Setting<String> INDEX_ALIAS_ALL = Setting.string(ES, "index_alias_all", "logagent",
            "alias that holds every index written (the console searches it)");
    public static final Setting<Integer> RETENTION_DAYS = Setting.integer(ES, "retention_days", 0, 0, 36_500,
            "daily indices (one per day of ingestion) older than this many days are deleted; 0 keeps them forever");
    public static final Setting<Integer> NUMBER_OF_SHARDS = Setting.integer(ES, "number_of_shards", 1, 1, 1024,
            "primary shards of each daily index");
    public static final Setting<Integer> NUMBER_OF_REPLICAS = Setting.integer(ES, "number_of_replicas", 0, 0, 16,
            "replicas of each daily index");
    public static final Setting<Long> RETRY_BACKOFF_MAX_MS = Setting.longValue(ES, "retry_backoff_max_ms", 30_000,
            10, 3_600_000, "cap of the exponential backoff between bulk retries");

    // [etcd]: core's connection settings (the agent's names, defaults and meaning) and key layout
    public static final EtcdClientSettings ETCD_CLIENT = EtcdClientSettings.withAddress("",
            "Set: also consume every topic the collect configs in etcd name (host and group keys, followed live: a "
                    + "new topic is consumed within seconds, a topic no longer named stops being consumed). Empty: "
                    + "only topic/topic_pattern.");
    public static final Setting<String> ETCD_ADDRESS = ETCD_CLIENT.address();

    public static final Setting<Integer> HTTP_PORT = Setting.port(TRANSFER, "http_port", -1, true,
            "port of /health and /metrics (Prometheus)");
    public static final Setting<String> JSON_FIELD = Setting.string(TRANSFER, "json_field", "json",
            "lines that are JSON objects are parsed into this object field; empty = never parse");
    public static final Setting<String> TIME_ZONE = Setting.string(TRANSFER, "time_zone", "UTC",
            "zone of timestamps found in lines without an offset (e.g. '2026-11-30 06:13:00,123') when the "
                    + "collect entry names no time_zone of its own");
    public static final Setting<Long> SHUTDOWN_GRACE_MS = Setting.longValue(TRANSFER, "shutdown_grace_ms", 10_000,
            0, 600_000, "on stop, in-flight bulk requests get this long to finish before they are abandoned "
                    + "(their records are re-consumed later, never lost), at most three quarters of what is left of the "
                    + "process's stop budget (30 s for all its components): the rest is for the last commit and closes");

    public static final Setting<Boolean> PATTERNS = Setting.bool(TRANSFER, "patterns", true,
            "give each document a 'pattern' (its template, variable parts as <*>) and a 'pattern_id', mined online "
                    + "per topic (Drain); false = neither field is written");
    public static final Setting<Integer> PATTERNS_MAX_TEMPLATES = Setting.integer(TRANSFER, "patterns_max_templates",
            20_000, 100, 10_000_000, "templates kept in memory over all topics; beyond it the least recently "
                    + "matched is dropped (counted in logagent_transfer_patterns_evicted_total)");

    /** The {@code [es]} connection keys ({@code address, username, password, ca_file, insecure_skip_verify}). */
    public static final List<Setting<?>> ES_CONNECTION = SearchClientSettings.ALL;

    public static final IniSchema SCHEMA = new IniSchema(all(), Set.of(KAFKA_CONSUMER, KAFKA_PRODUCER));

    private TransferSettings() {
    }

    private static List<Setting<?>> all() {
        List<Setting<?>> all = new ArrayList<>(List.of(KAFKA_ADDRESS, TOPIC, TOPIC_PATTERN, GROUP_ID, DEAD_LETTER_TOPIC));
        all.addAll(KafkaClientSettings.SETTINGS);
        all.addAll(ES_CONNECTION);
        all.addAll(List.of(CHAN_SIZE, NUMS, BULK_MAX_DOCS, BULK_MAX_BYTES,
                FLUSH_INTERVAL_MS, INDEX_ALIAS_ALL, RETENTION_DAYS, NUMBER_OF_SHARDS, NUMBER_OF_REPLICAS,
                RETRY_BACKOFF_MAX_MS));
        all.addAll(ETCD_CLIENT.settings());
        all.addAll(List.of(EtcdSettings.COLLECT_LOG_KEY, EtcdSettings.GROUP_KEY, HTTP_PORT, JSON_FIELD, TIME_ZONE, SHUTDOWN_GRACE_MS));
        all.addAll(List.of(PATTERNS, PATTERNS_MAX_TEMPLATES));
        return all;
    }
}
