package io.logagent.agent.it;

import io.logagent.agent.Agent;
import io.logagent.agent.config.AgentConfig;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The agent alone in a JVM, for tests that kill it with SIGKILL: {@code AgentProcessMain <ini>} runs until its
 * standard input closes (the test closes it for an orderly stop) or until it is killed.
 */
public final class AgentProcessMain {
    private AgentProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        Agent agent = Agent.create(AgentConfig.load(Path.of(args[0]), null), Clock.systemUTC());
        agent.start();
        while (System.in.read() >= 0) {
            // nothing to read: waiting for the parent to close the pipe
        }
        agent.stop();
        boolean stopped = agent.awaitStop(Duration.ofSeconds(30));
        System.exit(stopped ? 0 : 1);
    }
}
