package io.logagent.cli;

import io.logagent.transfer.TransferService;
import io.logagent.transfer.config.TransferConfig;
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

    @Override
    public Integer call() throws Exception {
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
