package io.logagent.cli;

import io.logagent.agent.registry.RegistryVersionException;
import io.logagent.core.ini.ConfigException;
import io.logagent.core.problem.ConnectionProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * A bad config, an unreadable file or a registry of a newer format is the operator's to fix: print its message
 * alone (file, line, key) and exit 2, which the systemd units do not restart on; so is a server refusing our
 * credentials or certificates on the first connection (one ERROR line). Anything else is
 * a fatal error: log it with its cause and exit 1.
 */
final class FatalErrorHandler implements CommandLine.IExecutionExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(FatalErrorHandler.class);

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        if (ex instanceof ConnectionProblemException problem) {
            // One line an operator can act on (server, what it refused, the setting to fix), not a stack trace; on
            // stderr like every other exit-2 reason, so journald and a terminal show it the same way.
            cmd.getErr().println("logagent " + cmd.getCommandName() + ": " + problem.problem().line());
            cmd.getErr().flush();
            return 2;
        }
        if (ex instanceof ConfigException) {
            cmd.getErr().println("logagent " + cmd.getCommandName() + ": configuration error:");
            cmd.getErr().println(ex.getMessage());
            return 2;
        }
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof RegistryVersionException) { // a downgrade past a registry format: the operator decides
                cmd.getErr().println("logagent " + cmd.getCommandName() + ": " + t.getMessage());
                return 2;
            }
            if (t instanceof java.nio.file.NoSuchFileException || t instanceof java.nio.file.AccessDeniedException) {
                cmd.getErr().println("logagent " + cmd.getCommandName() + ": cannot read " + t.getMessage()
                        + " (" + t.getClass().getSimpleName() + ")");
                return 2;
            }
        }
        log.error("logagent {} failed", cmd.getCommandName(), ex);
        return 1;
    }
}
