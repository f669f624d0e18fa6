package io.logagent.cli.check;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The output of {@code --check-config}: one line per fact checked ({@code ok}, {@code note} or {@code PROBLEM}),
 * then a summary; exit code 0 when nothing is a problem, 2 otherwise (the code a configuration error has).
 */
public final class CheckReport {
    /** How long a server may take to answer before it counts as unreachable. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final PrintWriter out;
    private int problems;

    public CheckReport(PrintWriter out) {
        this.out = out;
    }

    public void ok(String subject, String detail) {
        line("ok      ", subject, detail);
    }

    /** Worth knowing, not wrong: the component starts and copes (e.g. a topic created on first use). */
    public void note(String subject, String detail) {
        line("note    ", subject, detail);
    }

    public void problem(String subject, String detail) {
        problems++;
        line("PROBLEM ", subject, detail);
    }

    public int problems() {
        return problems;
    }

    /**
     * Runs a probe of a server; its result is reported as ok, its failure as a problem with the root cause.
     *
     * @return whether it succeeded
     */
    public boolean probe(String subject, Callable<String> probe) {
        try {
            ok(subject, probe.call());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem(subject, "interrupted");
            return false;
        } catch (Exception e) {
            problem(subject, cause(e));
            return false;
        }
    }

    /** Checks that a directory the component writes to is (or can be made) writable by this user. */
    public void writableDirectory(String subject, Path dir) {
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            problem(subject, dir + " cannot be created: " + existing + " is not a directory");
        } else if (!Files.isWritable(existing)) {
            problem(subject, (existing.equals(dir.toAbsolutePath()) ? dir + " is" : dir + " does not exist and "
                    + existing + " is") + " not writable by user " + System.getProperty("user.name"));
        } else {
            ok(subject, dir + (existing.equals(dir.toAbsolutePath()) ? " (writable)" : " (will be created)"));
        }
    }

    /** Loads a component's configuration; any exception is a problem with the file. */
    public interface Loader<C> {
        C load() throws Exception;
    }

    /** Checks a loaded configuration, writing to the report. */
    public interface Check<C> {
        void run(C config) throws InterruptedException;
    }

    /**
     * The whole {@code --check-config} run of one component: header, the file loaded with the component's own
     * loader (an unknown key, a bad value or an unreadable file is reported and ends the check), the checks,
     * the summary.
     *
     * @return the exit code: 0 when every check passed, 2 otherwise
     */
    public static <C> int run(PrintWriter out, String component, Path ini, Loader<C> loader,
                              java.util.function.Function<CheckReport, Check<C>> checks) throws InterruptedException {
        out.println("logagent " + component + " --check-config " + ini + " (logagent "
                + io.logagent.core.BuildVersion.current() + ", user " + System.getProperty("user.name") + ")");
        quietClientLibraries();
        CheckReport report = new CheckReport(out);
        C config;
        try {
            config = loader.load();
        } catch (Exception e) {
            report.problem("ini", e instanceof io.logagent.core.ini.ConfigException ? e.getMessage().replace("\n", "\n    ")
                    : "cannot read " + ini + ": " + cause(e));
            return report.finish(component, ini);
        }
        report.ok("ini", "valid");
        checks.apply(report).run(config);
        return report.finish(component, ini);
    }

    /** A check expects unreachable servers: the clients' reconnect warnings would bury the report in noise. */
    private static void quietClientLibraries() {
        for (String name : new String[] {"org.apache.kafka", "io.grpc", "io.etcd", "io.vertx", "io.netty"}) {
            if (org.slf4j.LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
                logger.setLevel(ch.qos.logback.classic.Level.ERROR);
            }
        }
    }

    /** Prints the summary line and returns the exit code. */
    public int finish(String component, Path ini) {
        out.println(problems == 0
                ? "logagent " + component + " --check-config: " + ini + ": OK"
                : "logagent " + component + " --check-config: " + ini + ": " + problems
                        + (problems == 1 ? " problem" : " problems"));
        out.flush();
        return problems == 0 ? 0 : 2;
    }

    /** The message an operator can act on: a timeout says so, otherwise the innermost cause's message. */
    public static String cause(Throwable e) {
        Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof TimeoutException || t instanceof org.apache.kafka.common.errors.TimeoutException) {
            return "no answer within " + TIMEOUT.toSeconds() + " s (" + t.getClass().getSimpleName()
                    + (t.getMessage() == null ? "" : ": " + t.getMessage()) + ")";
        }
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private void line(String tag, String subject, String detail) {
        out.println("  " + tag + subject + ": " + detail);
        out.flush();
    }
}
