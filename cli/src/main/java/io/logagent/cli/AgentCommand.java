package io.logagent.cli;

import io.logagent.agent.Agent;
import io.logagent.agent.config.AgentConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Collects the files this host's etcd key names and ships every line to Kafka.",
                "Accepts the seed project's conf/config.ini unchanged."})
final class AgentCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "ini file, e.g. conf/config.ini")
    Path config;

    @Option(names = "--ip", paramLabel = "IP",
            description = "this host's IP in etcd keys (default: [agent] ip, else the outbound address)")
    String ip;

    @Override
    public Integer call() throws Exception {
        Agent agent = Agent.create(AgentConfig.load(config, ip), Clock.systemUTC());
        ServiceRunner runner = new ServiceRunner();
        runner.start("agent", adapt(agent));
        runner.runUntilSignalled();
        return 0;
    }

    static Lifecycle adapt(Agent agent) {
        return Lifecycle.of(agent::start, agent::stop, agent::awaitStop);
    }
}
