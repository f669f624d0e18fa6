package io.logagent.cli;

import io.logagent.console.ConsoleServer;
import io.logagent.console.config.ConsoleConfig;
import io.logagent.cli.check.ConsoleConfigCheck;
import io.logagent.cli.check.CheckReport;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

@Command(name = "console", mixinStandardHelpOptions = true,
        description = {"Serves the web console: search, collect-config management and pipeline monitoring."})
final class ConsoleCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "ini file")
    Path config;

    @Option(names = "--check-config", description = "Check instead of run: validate the ini, check its data_dir, connect to etcd, the search "
            + "cluster and Kafka; print the result; exit 0 when all is well, 2 on any problem. Run it "
            + "as the service user.")
    boolean checkConfig;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (checkConfig) {
            return CheckReport.run(spec.commandLine().getOut(), "console", config, () -> ConsoleConfig.load(config),
                    r -> new ConsoleConfigCheck(r)::run);
        }
        ConsoleServer console = ConsoleServer.create(ConsoleConfig.load(config), Clock.systemUTC());
        ServiceRunner runner = new ServiceRunner();
        runner.start("console", adapt(console));
        System.out.println("logagent console: " + console.scheme() + "://127.0.0.1:" + console.port() + "/");
        console.generatedAdminPassword().ifPresent(p ->
                System.out.println("First start: user 'admin', generated password: " + p + " (shown once)"));
        runner.runUntilSignalled();
        return 0;
    }

    static Lifecycle adapt(ConsoleServer console) {
        return Lifecycle.of(console::start, console::stop, console::awaitStop);
    }
}
