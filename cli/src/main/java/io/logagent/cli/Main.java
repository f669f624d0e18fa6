package io.logagent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./logagent}: one launcher for every deployable, so operators learn one command. */
@Command(name = "logagent", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Log collection configured from etcd: files -> Kafka -> OpenSearch, with a web console.",
        subcommands = {AgentCommand.class, TransferCommand.class, ConsoleCommand.class, DemoCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // One log format for every library: java.util.logging (gRPC) goes to SLF4J too (see logback.xml).
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        System.exit(commandLine().execute(args));
    }

    /** The command tree with its error handling and its settings documentation. */
    static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new Main()).setExecutionExceptionHandler(new FatalErrorHandler());
        // Every setting is declared once, with its doc; --help shows them from the same declarations.
        footer(cmd, "agent", io.logagent.agent.config.AgentSettings.SCHEMA.describe());
        footer(cmd, "transfer", io.logagent.transfer.config.TransferSettings.SCHEMA.describe());
        footer(cmd, "console", io.logagent.console.config.ConsoleConfig.SCHEMA.describe());
        return cmd;
    }

    private static void footer(CommandLine cmd, String sub, String text) {
        cmd.getSubcommands().get(sub).getCommandSpec().usageMessage()
                .footer("%nSettings of the ini file (unknown keys are rejected):%n" + text.replace("%", "%%"));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
