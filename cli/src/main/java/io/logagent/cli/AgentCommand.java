package io.logagent.cli;

import io.logagent.agent.Agent;
import io.logagent.agent.config.AgentConfig;
import io.logagent.cli.check.AgentConfigCheck;
import io.logagent.cli.check.CheckReport;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
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

    @Option(names = "--check-config", description = "Check instead of run: validate the ini, resolve the host IP and etcd keys, read the "
            + "collect config from etcd, check each entry's files (readable by this user?), connect to "
            + "Kafka; print the result; exit 0 when all is well, 2 on any problem. Run it as the "
            + "service user.")
    boolean checkConfig;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (checkConfig) {
            return CheckReport.run(spec.commandLine().getOut(), "agent", config, () -> AgentConfig.load(config, ip),
                    r -> c -> new AgentConfigCheck(r).run(c, ip != null));
        }
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
