package io.logagent.cli;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.logagent.agent.Agent;
import io.logagent.agent.config.AgentConfig;
import io.logagent.agent.config.HostAddress;
import io.logagent.cli.demo.DemoFiles;
import io.logagent.cli.demo.SampleLogWriter;
import io.logagent.console.ConsoleServer;
import io.logagent.console.config.ConsoleConfig;
import io.logagent.core.collect.CollectConfigCodec;
import io.logagent.core.collect.CollectEntry;
import io.logagent.core.etcd.EtcdClientSettings;
import io.logagent.stack.LocalStack;
import io.logagent.transfer.TransferService;
import io.logagent.transfer.config.TransferConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the whole system on one machine: real etcd, Kafka and OpenSearch as child processes, one agent, one
 * transfer and the console in this process, and sample logs written at a steady rate. Everything it writes is
 * under {@code --data-dir}, including the ini files it generated, so an operator can read them as examples.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Starts etcd, Kafka, OpenSearch, an agent, a transfer and the console with sample logs, "
                + "and prints the console URL. Ctrl-C stops everything.")
final class DemoCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where everything is written (default: .data/demo)")
    Path dataDir;

    @Option(names = "--port", defaultValue = "8080", description = "console port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--rate", defaultValue = "30", description = "sample lines per second (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--keep-data", description = "keep the previous run's data instead of starting fresh")
    boolean keepData;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        Clock clock = Clock.systemUTC();
        Path dir = (dataDir != null ? dataDir : Path.of(System.getProperty("logagent.home", "."), ".data", "demo"))
                .toAbsolutePath().normalize();
        DemoFiles files = new DemoFiles(dir);
        if (!keepData) {
            files.wipe();
        }
        ConsoleServer.requirePortFree("127.0.0.1", port, "--port (the console's [http] port)"); // before the stack
        ServiceRunner runner = new ServiceRunner();
        System.out.println("logagent demo: starting etcd, Kafka and OpenSearch under " + dir + " ...");
        LocalStack stack = LocalStack.start(dir.resolve("stack"));
        runner.afterStop(stack::close);

        try {
            SampleLogWriter writer = new SampleLogWriter(dir.resolve("logs"), clock, rate);
            runner.start("sample logs", Lifecycle.ofSignal(writer::start, writer::stop, writer::awaitStop));

            String ip = new HostAddress().detect();
            String adminPassword = files.adminPassword();
            Path agentIni = files.writeAgentIni(stack, ip);
            Path transferIni = files.writeTransferIni(stack);
            Path consoleIni = files.writeConsoleIni(stack, port, adminPassword);
            // The key comes from the agent's own config, so the demo writes exactly where the agent watches.
            AgentConfig agentConfig = AgentConfig.load(agentIni, null);
            putCollectConfig(stack.etcd().endpoint(), agentConfig.etcd().collectKey(), writer);

            runner.start("transfer", TransferCommand.adapt(TransferService.create(TransferConfig.load(transferIni), clock)));
            runner.start("agent", AgentCommand.adapt(Agent.create(agentConfig, clock)));
            ConsoleServer console = ConsoleServer.create(ConsoleConfig.load(consoleIni), clock);
            runner.start("console", ConsoleCommand.adapt(console));

            long readyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            System.out.printf("""

                    logagent demo is ready in %.1f s.
                      Console:  http://127.0.0.1:%d/   (user admin, password %s)
                      etcd %s   Kafka %s   OpenSearch %s
                      Config files: %s   Sample logs: %s
                      This host's collect config is at %s. Ctrl-C stops everything.
                    %n""", readyMs / 1000.0, console.port(), adminPassword, stack.etcd().endpoint(),
                    stack.kafka().bootstrapServers(), stack.openSearch().httpUrl(), dir.resolve("conf"), dir.resolve("logs"),
                    agentConfig.etcd().collectKey());
        } catch (Exception | Error e) {
            runner.stopAll(); // whatever started, and the servers, go down with the failure
            throw e;
        }
        runner.runUntilSignalled();
        return 0;
    }

    private static void putCollectConfig(String etcdEndpoint, String key, SampleLogWriter writer) throws Exception {
        List<CollectEntry> entries = List.of(
                beginning(writer.accessLog().toString(), "web_log", null),
                // An event starts at a line opening with a date: an error line and its stack trace stay one event.
                beginning(writer.appLog().toString(), "app_log",
                        new CollectEntry.Multiline("^\\d{4}-\\d{2}-\\d{2} ", 500, 1 << 20, 1000)),
                beginning(writer.workerLog().toString(), "worker_log", null));
        String json = new CollectConfigCodec().write(entries);
        try (Client etcd = EtcdClientSettings.Values.plain(List.of(EtcdClientSettings.endpoint(etcdEndpoint)), Duration.ofSeconds(10)).connect()) {
            etcd.getKVClient().put(bytes(key), bytes(json)).get(10, TimeUnit.SECONDS);
        }
    }

    private static CollectEntry beginning(String path, String topic, CollectEntry.Multiline multiline) {
        return new CollectEntry(path, topic, null, CollectEntry.StartPosition.BEGINNING, multiline, null, null, null,
                null, 0, null);
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
