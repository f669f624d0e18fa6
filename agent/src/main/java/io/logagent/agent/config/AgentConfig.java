package io.logagent.agent.config;

import io.logagent.agent.tail.TailSettings;
import io.logagent.core.etcd.EtcdConnection;
import io.logagent.core.etcd.EtcdKeyLayout;
import io.logagent.core.etcd.EtcdSettings;
import io.logagent.core.ini.ConfigException;
import io.logagent.core.ini.IniFile;
import io.logagent.core.ini.IniSchema;
import io.logagent.core.kafka.KafkaClientSettings;
import io.logagent.core.kafka.KafkaSecurity;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.logagent.agent.config.AgentSettings.*;

/**
 * The agent's whole configuration, parsed once at start from the ini file ({@link AgentSettings} lists every key)
 * and immutable afterwards. What to collect is not here: it comes from etcd and changes at runtime.
 *
 * @param hostIp the IP in the etcd keys and the {@code host} header: {@code [agent] ip}, the override, or detected
 */
public record AgentConfig(String hostIp, Kafka kafka, Etcd etcd, Agent agent, TailSettings tail) {

    /**
     * @param bootstrapServers  {@code [kafka] address}
     * @param maxInFlightRecords {@code chan_max_size}: the seed's channel size, now the in-flight record budget
     * @param security          {@code [kafka] security_protocol, username, ssl_ca_file…}
     * @param producerOverrides {@code [kafka.producer]}: raw producer properties that win over derived ones
     */
    public record Kafka(String bootstrapServers, int maxInFlightRecords, long maxInFlightBytes, String acks,
                        String compression, int lingerMs, int batchSize, KafkaSecurity security,
                        Map<String, String> producerOverrides) {
        public Kafka {
            producerOverrides = Map.copyOf(producerOverrides);
        }

        @Override
        public String toString() { // pass-through properties may hold a JAAS line with a password
            return "Kafka[bootstrapServers=" + bootstrapServers + ", acks=" + acks + ", " + security
                    + ", producerOverrides=" + producerOverrides.keySet() + "]";
        }
    }

    /**
     * @param connection endpoints, timeout and credentials (core builds the client from it)
     * @param collectKey this host's key, {@code %s} already replaced by the IP
     * @param groupKeys  one key per group, in the order of {@code [agent] groups}
     * @param statusKey  status prefix + IP
     * @param statusTtl  TTL of the status key's lease: how long after a crash the host still shows online
     */
    public record Etcd(EtcdConnection connection, String collectKey, List<String> groupKeys, String statusKey,
                       Duration statusTtl) {
        public Etcd {
            groupKeys = List.copyOf(groupKeys);
        }

        public List<URI> endpoints() {
            return connection.endpoints();
        }

        public Duration timeout() {
            return connection.timeout();
        }
    }

    public enum OnKeyDelete { KEEP, STOP }

    /**
     * @param httpPort -1 = no HTTP endpoint, 0 = any free port
     */
    public record Agent(List<String> groups, Path dataDir, String httpHost, int httpPort, List<String> allowPaths,
                        OnKeyDelete onKeyDelete, Duration stopTimeout) {
        public Agent {
            groups = List.copyOf(groups);
            allowPaths = List.copyOf(allowPaths);
        }
    }

    /**
     * Reads and validates the ini file; every problem is reported at once with its line.
     *
     * @param ipOverrideOrNull the host IP from the command line; wins over {@code [agent] ip} and detection
     */
    public static AgentConfig load(Path iniFile, String ipOverrideOrNull) throws IOException {
        return from(IniFile.read(iniFile), ipOverrideOrNull, new HostAddress());
    }

    public static AgentConfig from(IniFile ini, String ipOverrideOrNull, HostAddress hostAddress) {
        IniSchema.Values v = SCHEMA.validate(ini);
        String ip = ipOverrideOrNull != null && !ipOverrideOrNull.isBlank() ? ipOverrideOrNull.strip()
                : !v.get(AGENT_IP).isBlank() ? v.get(AGENT_IP).strip() : hostAddress.detect();
        Kafka kafka = new Kafka(String.join(",", list(v.get(KAFKA_ADDRESS))), v.get(KAFKA_CHAN_MAX_SIZE),
                v.get(KAFKA_MAX_IN_FLIGHT_BYTES), v.get(KAFKA_ACKS), v.get(KAFKA_COMPRESSION), v.get(KAFKA_LINGER_MS),
                v.get(KAFKA_BATCH_SIZE), KafkaClientSettings.from(v), v.passThrough(KAFKA_PRODUCER));
        List<String> groups = list(v.get(AGENT_GROUPS));
        if (v.get(ETCD_ADDRESS).isBlank()) {
            throw new ConfigException(ini.source() + ": [etcd] address must name at least one server");
        }
        EtcdKeyLayout layout = EtcdSettings.layout(v);
        Etcd etcd;
        try {
            etcd = new Etcd(EtcdSettings.connection(v, ETCD_ADDRESS, ETCD_TIMEOUT), layout.hostKey(ip),
                    groups.stream().map(layout::groupKey).toList(), layout.statusKey(ip),
                    Duration.ofSeconds(v.get(ETCD_STATUS_TTL)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(ini.source() + ": " + e.getMessage() + " (the host IP, --ip or [agent] ip; "
                    + "or a name in [agent] groups)", e);
        }
        Agent agent = new Agent(groups, Path.of(v.get(AGENT_DATA_DIR)), v.get(AGENT_HTTP_HOST), v.get(AGENT_HTTP_PORT),
                list(v.get(AGENT_ALLOW_PATHS)), OnKeyDelete.valueOf(v.get(AGENT_ON_KEY_DELETE).toUpperCase(Locale.ROOT)),
                Duration.ofMillis(v.get(AGENT_STOP_TIMEOUT)));
        if (kafka.bootstrapServers().isEmpty()) {
            throw new ConfigException(ini.source() + ": [kafka] address must name at least one server");
        }
        return new AgentConfig(ip, kafka, etcd, agent, TailSettings.from(v));
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
