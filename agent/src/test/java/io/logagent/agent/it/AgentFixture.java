package io.logagent.agent.it;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.logagent.agent.Agent;
import io.logagent.agent.config.AgentConfig;
import io.logagent.agent.config.HostAddress;
import io.logagent.agent.registry.Registry;
import io.logagent.agent.tail.Collector;
import io.logagent.agent.tail.CollectorFactory;
import io.logagent.core.status.CollectorStatus;
import io.logagent.agent.tail.FileCollectorFactory;
import io.logagent.core.ini.IniFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One real agent (real etcd, real Kafka, real file collectors) in a temp directory, with its own IP so that its
 * etcd keys are its own, and a collector factory that remembers every collector it made.
 */
final class AgentFixture implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger HOSTS = new AtomicInteger();

    final String ip = "10.77." + (HOSTS.incrementAndGet() / 250) + "." + (HOSTS.get() % 250 + 1);
    final Path logs;
    final Path data;
    final Client etcd;
    final String bootstrap;
    final Map<String, List<Collector>> created = new ConcurrentHashMap<>();
    final AgentConfig config;
    final Path iniFile;
    Agent agent;
    /** The running agent's registry, to look at offsets. */
    Registry registry;

    /** @param extraIni appended to the seed's ini (e.g. an [agent] groups line needs the whole [agent] section here) */
    AgentFixture(String etcdAddress, String bootstrap, Path dir, String agentSection, String extraIni) throws IOException {
        this(etcdAddress, bootstrap, dir, "chan_max_size=100000", agentSection, extraIni);
    }

    /**
     * @param kafkaSection lines of the {@code [kafka]} section after {@code address}
     * @param extraIni     lines of the {@code [tail]} section after {@code scan_interval_ms}
     */
    AgentFixture(String etcdAddress, String bootstrap, Path dir, String kafkaSection, String agentSection,
                 String extraIni) throws IOException {
        this.logs = Files.createDirectories(dir.resolve("logs"));
        this.data = dir.resolve("data");
        this.bootstrap = bootstrap;
        String ini = """
                [kafka]
                address=%s
                %s
                [etcd]
                address=%s
                timeout=2
                collect_log_key=/logAgent/%%s/collect_config
                [agent]
                ip=%s
                data_dir=%s
                http_port=0
                allow_paths=%s/**
                %s
                [tail]
                scan_interval_ms=100
                %s
                """.formatted(bootstrap, kafkaSection, etcdAddress, ip, data, logs, agentSection, extraIni);
        this.iniFile = dir.resolve("config.ini");
        Files.writeString(iniFile, ini);
        this.config = AgentConfig.from(IniFile.read(iniFile), null, new HostAddress());
        this.etcd = Client.builder().endpoints(io.logagent.core.net.Addresses.withHttpScheme(etcdAddress)).build();
    }

    AgentFixture start() throws IOException {
        agent = Agent.create(config, Clock.systemUTC(), parts -> {
            registry = parts.registry();
            return counting(new FileCollectorFactory(parts.registry(), parts.shipper(), config.tail(),
                    Clock.systemUTC(), parts.meters(), parts.allowlist()));
        });
        agent.start();
        return this;
    }

    private CollectorFactory counting(CollectorFactory real) {
        return entry -> {
            Collector c = real.create(entry);
            created.computeIfAbsent(entry.id(), k -> new CopyOnWriteArrayList<>()).add(c);
            return c;
        };
    }

    String collectKey() {
        return config.etcd().collectKey();
    }

    void put(String key, String value) throws Exception {
        etcd.getKVClient().put(bytes(key), bytes(value)).get(10, TimeUnit.SECONDS);
    }

    static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    static String entry(Path path, String topic) {
        return "{\"path\":\"" + path + "\",\"topic\":\"" + topic + "\"}";
    }

    Path newLog(String name) throws IOException {
        return Files.writeString(logs.resolve(name), "");
    }

    static void append(Path file, List<String> lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l).append('\n'));
        Files.writeString(file, sb, StandardOpenOption.APPEND);
    }

    /** Waits until the entry for {@code path} runs and has found its file, so appended lines will be read. */
    CollectorStatus awaitCollecting(Path path) {
        return await().atMost(WAIT).until(() -> agent.status().entries().stream()
                .filter(e -> e.path().equals(path.toString()) && e.state() == CollectorStatus.State.RUNNING
                        && !e.files().isEmpty())
                .findFirst().orElse(null), s -> s != null);
    }

    static List<String> lines(String prefix, int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> prefix + " line " + i).toList();
    }

    @Override
    public void close() throws Exception {
        try {
            if (agent != null) {
                agent.stop();
                assertThat(agent.awaitStop(WAIT)).as("agent stopped").isTrue();
            }
        } finally {
            etcd.close();
        }
    }
}
