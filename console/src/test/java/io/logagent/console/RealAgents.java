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
 * Real agents in this JVM, each for its own host IP with its own data and log directories under {@code dir}.
 * {@link #stopAll()} (and {@link #close()}) stops every one still running and waits for it.
 */
public final class RealAgents implements AutoCloseable {

    static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final Path dir;
    private final String etcd;
    private final String kafka;
    private final boolean confinedToOwnLogs;
    private final List<Agent> running = new ArrayList<>();

    private RealAgents(Path dir, String etcd, String kafka, boolean confinedToOwnLogs) {
        this.dir = dir;
        this.etcd = etcd;
        this.kafka = kafka;
        this.confinedToOwnLogs = confinedToOwnLogs;
    }

    /** Agents that may each collect anything under {@code dir}, so one group entry suits them all. */
    public static RealAgents sharingDir(Path dir, String etcd, String kafka) {
        return new RealAgents(dir, etcd, kafka, false);
    }

    /** Agents that may each collect only from their own {@link #logs} directory (allow_paths refuses the rest). */
    public static RealAgents confinedToOwnLogs(Path dir, String etcd, String kafka) {
        return new RealAgents(dir, etcd, kafka, true);
    }

    /** A log directory of agent {@code ip}'s own. */
    public Path logs(String ip) throws IOException {
        return Files.createDirectories(dir.resolve(ip).resolve("logs"));
    }

    /** Starts an agent for {@code ip} following the groups named (comma-separated, may be empty). */
    public Agent start(String ip, String groups) throws IOException {
        Path home = Files.createDirectories(dir.resolve(ip));
        Path allowed = confinedToOwnLogs ? logs(ip) : dir;
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
                """.formatted(kafka, etcd, ip, groups, home.resolve("data"), allowed);
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

    /** Stops every agent still running; this object may start new ones afterwards. */
    public void stopAll() throws InterruptedException {
        for (Agent a : List.copyOf(running)) {
            stop(a);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopAll();
    }
}
