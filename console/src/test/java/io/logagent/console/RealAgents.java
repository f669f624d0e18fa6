package io.logagent.console;

import io.logagent.agent.Agent;
import io.logagent.agent.config.AgentConfig;
import io.logagent.agent.config.HostAddress;
import io.logagent.core.ini.IniFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Real agents in this JVM, each for its own host IP with its own data and log directories under {@code dir}; every
 * agent may collect anything under {@code dir} (so one group entry suits them all). {@link #close()} stops every one
 * still running and waits for it.
 */
public final class RealAgents implements AutoCloseable {

    static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final Path dir;
    private final String etcd;
    private final String kafka;
    private final List<Agent> running = new ArrayList<>();

    public RealAgents(Path dir, String etcd, String kafka) {
        this.dir = dir;
        this.etcd = etcd;
        this.kafka = kafka;
    }

    /** A log directory of agent {@code ip}'s own. */
    public Path logs(String ip) throws IOException {
        return Files.createDirectories(dir.resolve(ip).resolve("logs"));
    }

    /** Starts an agent for {@code ip} following the groups named (comma-separated, may be empty). */
    public Agent start(String ip, String groups) throws IOException {
        Path home = Files.createDirectories(dir.resolve(ip));
        String ini = """
                [kafka]
                address = %s
                [etcd]
                address = %s
                timeout = 2
                [agent]
                ip = %s
                groups = %s
                data_dir = %s
                allow_paths = %s/**
                [tail]
                scan_interval_ms = 200
                """.formatted(kafka, etcd, ip, groups, home.resolve("data"), dir);
        Agent agent = Agent.create(AgentConfig.from(IniFile.parse(ip + ".ini", ini), null, new HostAddress()),
                Clock.systemUTC());
        running.add(agent);
        agent.start();
        return agent;
    }

    public void stop(Agent agent) throws InterruptedException {
        agent.stop();
        if (!agent.awaitStop(STOP_WAIT)) {
            throw new IllegalStateException("agent did not stop within " + STOP_WAIT);
        }
        running.remove(agent);
    }

    @Override
    public void close() throws InterruptedException {
        for (Agent a : List.copyOf(running)) {
            stop(a);
        }
    }
}
