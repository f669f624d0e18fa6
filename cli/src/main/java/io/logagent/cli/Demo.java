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

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The demo's system, started: the local stack, then sample logs, transfer, agent and console in a
 * {@link ServiceRunner}. Stopping the runner stops them last-first, each drained (the agent flushed into Kafka and
 * its offsets saved, the transfer's stored batches committed), and only then closes the servers
 * ({@link ServiceRunner#afterStop}); the servers run in sessions of their own, so a Ctrl-C does not reach them
 * first.
 *
 * @param collectKey where this host's collect config is in etcd
 */
record Demo(ServiceRunner runner, LocalStack stack, ConsoleServer console, String adminPassword, String collectKey,
            long readyMillis) {

    /**
     * @param rate     sample lines per second; 0 writes none (the collect config still names the files, e.g. to let
     *                 the pipeline finish what a previous {@code keepData} run left)
     * @param keepData keep the previous run's data (files, offsets, topics, indices) instead of starting fresh
     */
    static Demo start(Path dir, int port, int rate, boolean keepData, Clock clock) throws Exception {
        long t0 = System.nanoTime();
        DemoFiles files = new DemoFiles(dir);
        if (!keepData) {
            files.wipe();
        }
        ConsoleServer.requirePortFree("127.0.0.1", port, "--port (the console's [http] port)"); // before the stack
        ServiceRunner runner = new ServiceRunner();
        LocalStack stack = LocalStack.start(dir.resolve("stack"));
        runner.afterStop(stack::close);
        try {
            SampleLogWriter writer = new SampleLogWriter(dir.resolve("logs"), clock, rate);
            if (rate > 0) {
                runner.start("sample logs", Lifecycle.ofSignal(writer::start, writer::stop, writer::awaitStop));
            }
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
            return new Demo(runner, stack, console, adminPassword, agentConfig.etcd().collectKey(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        } catch (Exception | Error e) {
            runner.stopAll(); // whatever started, and the servers, go down with the failure
            throw e;
        }
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
