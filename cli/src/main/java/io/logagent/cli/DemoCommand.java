package io.logagent.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;

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

    @Option(names = "--rate", defaultValue = "30", description = "sample lines per second, 0 for none (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--keep-data", description = "keep the previous run's data instead of starting fresh")
    boolean keepData;

    @Override
    public Integer call() throws Exception {
        Path dir = (dataDir != null ? dataDir : Path.of(System.getProperty("logagent.home", "."), ".data", "demo"))
                .toAbsolutePath().normalize();
        System.out.println("logagent demo: starting etcd, Kafka and OpenSearch under " + dir + " ...");
        Demo demo = Demo.start(dir, port, rate, keepData, Clock.systemUTC());
        System.out.printf("""

                logagent demo is ready in %.1f s.
                  Console:  http://127.0.0.1:%d/   (user admin, password %s)
                  etcd %s   Kafka %s   OpenSearch %s
                  Config files: %s   Sample logs: %s
                  This host's collect config is at %s. Ctrl-C stops everything.
                %n""", demo.readyMillis() / 1000.0, demo.console().port(), demo.adminPassword(),
                demo.stack().etcd().endpoint(), demo.stack().kafka().bootstrapServers(),
                demo.stack().openSearch().httpUrl(), dir.resolve("conf"), dir.resolve("logs"), demo.collectKey());
        demo.runner().runUntilSignalled();
        return 0;
    }
}
