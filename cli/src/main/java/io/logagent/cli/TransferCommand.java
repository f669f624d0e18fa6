package io.logagent.cli;

import io.logagent.transfer.TransferService;
import io.logagent.transfer.config.TransferConfig;
import io.logagent.cli.check.TransferConfigCheck;
import io.logagent.cli.check.CheckReport;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

@Command(name = "transfer", mixinStandardHelpOptions = true,
        description = {"Consumes log topics in a consumer group and bulk-indexes them into OpenSearch/Elasticsearch.",
                "Accepts the seed's logTransfer ini ([kafka] address, topic; [es] address, chan_size, nums)."})
final class TransferCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "ini file")
    Path config;

    @Option(names = "--check-config", description = "Check instead of run: validate the ini, connect to Kafka (topics) and the search "
            + "cluster; print the result; exit 0 when all is well, 2 on any problem. Run it as the "
            + "service user.")
    boolean checkConfig;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (checkConfig) {
            return CheckReport.run(spec.commandLine().getOut(), "transfer", config, () -> TransferConfig.load(config),
                    r -> new TransferConfigCheck(r)::run);
        }
        TransferService transfer = TransferService.create(TransferConfig.load(config), Clock.systemUTC());
        ServiceRunner runner = new ServiceRunner();
        runner.start("transfer", adapt(transfer));
        runner.runUntilSignalled();
        return transfer.failure().isPresent() ? 1 : 0;
    }

    static Lifecycle adapt(TransferService transfer) {
        return Lifecycle.of(transfer::start, transfer::stop, transfer::awaitStop);
    }
}
