package io.logagent.transfer.config;

import io.logagent.core.etcd.EtcdClientSettings;
import io.logagent.core.etcd.EtcdKeyLayout;
import io.logagent.core.etcd.EtcdSettings;
import io.logagent.core.ini.ConfigException;
import io.logagent.core.ini.IniFile;
import io.logagent.core.ini.IniSchema;
import io.logagent.core.kafka.KafkaClientSettings;
import io.logagent.core.kafka.KafkaSecurity;
import io.logagent.core.search.SearchClientOptions;
import io.logagent.core.search.SearchClientSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.logagent.transfer.patterns.PatternSettings;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static io.logagent.transfer.config.TransferSettings.*;

/**
 * The transfer's whole configuration, parsed and validated at the edge; nothing downstream reads the ini.
 * See {@link TransferSettings} for the meaning and default of each key.
 */
public record TransferConfig(Kafka kafka, Index index, Service service, Optional<Etcd> etcd,
                             Optional<PatternSettings> patterns) {

    /** Where the collect configs live, when the transfer follows their topics ({@code [etcd] address} set). */
    public record Etcd(EtcdClientSettings.Values connection, EtcdKeyLayout layout) { }

    /** Where records come from and where refused ones go. */
    public record Kafka(String bootstrapServers, List<String> topics, Optional<Pattern> topicPattern, String groupId,
                        String deadLetterTopic, KafkaSecurity security, Map<String, String> consumerOverrides,
                        Map<String, String> producerOverrides) {
        public Kafka {
            topics = List.copyOf(topics);
            consumerOverrides = Map.copyOf(consumerOverrides);
            producerOverrides = Map.copyOf(producerOverrides);
        }

        @Override
        public String toString() { // pass-through properties may hold a JAAS line with a password
            return "Kafka[bootstrapServers=" + bootstrapServers + ", topics=" + topics + ", groupId=" + groupId + ", "
                    + security + ", consumerOverrides=" + consumerOverrides.keySet() + ", producerOverrides="
                    + producerOverrides.keySet() + "]";
        }
    }

    /** The search cluster and how documents are batched, buffered and kept. */
    public record Index(SearchClientOptions search, int bufferedDocs, int maxInFlightBulks, int bulkMaxDocs, long bulkMaxBytes,
                        Duration flushInterval, String allAlias, int retentionDays, int shards, int replicas,
                        Duration retryBackoffMax) {
        /** The node URLs of {@code [es] address}. */
        public List<URI> addresses() {
            return search.addresses();
        }

        @Override
        public String toString() { // never log the password
            return "Index[" + search + ", bufferedDocs=" + bufferedDocs
                    + ", maxInFlightBulks=" + maxInFlightBulks + ", bulkMaxDocs=" + bulkMaxDocs + ", allAlias="
                    + allAlias + ", retentionDays=" + retentionDays + "]";
        }
    }

    /** The process itself. {@code jsonField} empty means JSON lines stay plain messages. */
    public record Service(int httpPort, String jsonField, ZoneId timeZone, Duration shutdownGrace) { }

    public static TransferConfig load(Path ini) {
        try {
            return from(IniFile.read(ini));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ini, e);
        }
    }

    public static TransferConfig from(IniFile ini) {
        IniSchema.Values v = SCHEMA.validate(ini);
        List<String> topics = splitList(v.get(TOPIC));
        Optional<Pattern> pattern = Optional.of(v.get(TOPIC_PATTERN)).filter(s -> !s.isBlank()).map(s -> compile(ini, s));
        Optional<Etcd> etcd = v.get(ETCD_ADDRESS).isBlank() ? Optional.empty()
                : Optional.of(new Etcd(ETCD_CLIENT.values(v), EtcdSettings.layout(v)));
        if (topics.isEmpty() && pattern.isEmpty() && etcd.isEmpty()) {
            throw new ConfigException(ini.source() + ": [kafka] needs 'topic' (comma list) or 'topic_pattern', "
                    + "or [etcd] address to consume the topics the collect configs name");
        }
        Kafka kafka = new Kafka(v.get(KAFKA_ADDRESS), topics, pattern, v.get(GROUP_ID), v.get(DEAD_LETTER_TOPIC),
                KafkaClientSettings.from(v), v.passThrough(KAFKA_CONSUMER), v.passThrough(KAFKA_PRODUCER));
        Index index = new Index(SearchClientSettings.options(v, ini.source()), v.get(CHAN_SIZE), v.get(NUMS),
                v.get(BULK_MAX_DOCS), v.get(BULK_MAX_BYTES),
                Duration.ofMillis(v.get(FLUSH_INTERVAL_MS)), requireName(ini, v.get(INDEX_ALIAS_ALL)),
                v.get(RETENTION_DAYS), v.get(NUMBER_OF_SHARDS), v.get(NUMBER_OF_REPLICAS),
                Duration.ofMillis(v.get(RETRY_BACKOFF_MAX_MS)));
        Service service = new Service(v.get(HTTP_PORT), v.get(JSON_FIELD).strip(), zone(ini, v.get(TIME_ZONE)),
                Duration.ofMillis(v.get(SHUTDOWN_GRACE_MS)));
        Optional<PatternSettings> patterns = v.get(PATTERNS) ? Optional.of(PatternSettings.DEFAULTS
                .withMaxTemplates(v.get(PATTERNS_MAX_TEMPLATES))) : Optional.empty();
        return new TransferConfig(kafka, index, service, etcd, patterns);
    }

    private static List<String> splitList(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static Pattern compile(IniFile ini, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(ini.source() + ": [kafka] topic_pattern is not a valid regex: " + e.getMessage());
        }
    }

    private static ZoneId zone(IniFile ini, String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new ConfigException(ini.source() + ": [transfer] time_zone '" + id + "' is not a zone id");
        }
    }

    private static String requireName(IniFile ini, String alias) {
        if (!alias.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new ConfigException(ini.source() + ": [es] index_alias_all '" + alias
                    + "' must be a lower-case index name");
        }
        return alias;
    }
}
