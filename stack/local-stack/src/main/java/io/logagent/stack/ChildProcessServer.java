package io.logagent.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real server running as a child process, with its own data directory and log file.
 *
 * <p>Life cycle: {@link #start()} launches the process and returns only once a real request succeeds (or throws
 * with the tail of the log); {@link #stop()} sends SIGTERM, waits, then kills. Calling {@link #start()} after
 * {@link #stop()} brings the server back on the same ports with the same data, which is what tests use to simulate
 * an outage. Every live process is also registered with {@link ProcessReaper}, so it dies with this JVM.
 *
 * <p>Thread safety: start/stop/close are synchronized; accessors of fixed values (ports, paths) are not.
 */
public abstract class ChildProcessServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChildProcessServer.class);
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(100);
    private static final int LOG_TAIL_LINES = 40;

    private final String name;
    private final Path dataDir;
    private final Path logFile;
    private final Duration readyTimeout;
    private final Duration stopTimeout;
    private Process process;
    private Duration lastStartup = Duration.ZERO;

    protected ChildProcessServer(String name, Path dataDir, Duration readyTimeout, Duration stopTimeout) {
        this.name = name;
        this.dataDir = dataDir.toAbsolutePath();
        this.logFile = this.dataDir.resolve(name + ".log");
        this.readyTimeout = scaled(readyTimeout);
        this.stopTimeout = stopTimeout;
    }

    /**
     * Readiness timeouts times {@code -Dlogagent.stack.timeout.factor} (default 1): on a loaded 2-core CI box
     * OpenSearch alone has taken 24 s to start, so slow machines need a way to wait longer without a code change.
     */
    private static Duration scaled(Duration timeout) {
        double factor = Double.parseDouble(System.getProperty("logagent.stack.timeout.factor", "1"));
        return Duration.ofMillis((long) (timeout.toMillis() * Math.max(factor, 0.01)));
    }

    /**
     * {@code command} run by {@code setsid}, where there is one: the server then gets a session and process group of
     * its own, so the Ctrl-C that a terminal sends to the whole foreground group reaches only this JVM, which stops
     * its components (the agent flushing into Kafka) before it closes the servers. In the same group, Kafka would
     * get SIGINT at the same moment and be gone while the agent still flushes. setsid execs the command in place
     * (the launched process is no group leader), so {@link Process#pid()} stays the server's.
     */
    static List<String> inOwnSession(List<String> command) {
        return SETSID.map(setsid -> {
            List<String> wrapped = new ArrayList<>(command.size() + 1);
            wrapped.add(setsid.toString());
            wrapped.addAll(command);
            return wrapped;
        }).orElse(command);
    }

    private static final Optional<Path> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .map(Path::of).filter(Files::isExecutable).findFirst();

    /** The command line of one launch; called before every start, so it may (re)write config files. */
    protected abstract List<String> command() throws IOException;

    /** A fresh readiness check for one start; polled until it answers true, then closed. */
    protected abstract ReadinessProbe newProbe();

    /** Where the server listens, for log and error messages. */
    protected abstract String address();

    /** Starts the process unless it is already running and waits until it serves requests. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        if (process != null) {
            // It died on its own (crash, System.exit): forget it and start afresh on the same ports and data.
            LOG.warn("{} had exited with code {}, starting it again", name, process.exitValue());
            ProcessReaper.unregister(process);
            process = null;
        }
        long begin = System.nanoTime();
        Process started;
        try {
            Files.createDirectories(dataDir);
            List<String> command = inOwnSession(command());
            Files.writeString(logFile, "---- " + Instant.now() + " starting " + name + ": " + String.join(" ", command)
                    + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            // stdin stays a pipe we never write to: the children exit when it reaches EOF, which happens when
            // this JVM dies without its shutdown hooks (SIGKILL), and also on destroy(), which closes it too.
            started = new ProcessBuilder(command)
                    .directory(dataDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch " + name + " (see " + logFile + ")", e);
        }
        ProcessReaper.register(started);
        process = started;
        try {
            awaitReady(started, begin);
        } catch (RuntimeException | Error e) {
            stop();
            throw e;
        }
        lastStartup = Duration.ofNanos(System.nanoTime() - begin);
        LOG.info("{} ready at {} in {} ms (pid {}, data {})", name, address(), lastStartup.toMillis(), started.pid(), dataDir);
    }

    private void awaitReady(Process started, long begin) {
        long deadline = begin + readyTimeout.toNanos();
        Exception lastFailure = null;
        try (ReadinessProbe probe = newProbe()) {
            while (true) {
                if (!started.isAlive()) {
                    throw notReady("exited with code " + started.exitValue() + " before it was ready", null);
                }
                try {
                    if (probe.ready()) {
                        return;
                    }
                } catch (Exception e) {
                    lastFailure = e; // expected while the server boots; reported only on timeout
                }
                if (System.nanoTime() - deadline > 0) {
                    throw notReady("not ready within " + readyTimeout.toSeconds() + " s", lastFailure);
                }
                Thread.sleep(PROBE_INTERVAL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notReady("interrupted while waiting for readiness", e);
        }
    }

    private IllegalStateException notReady(String what, Exception cause) {
        return new IllegalStateException(name + " at " + address() + " " + what + "; last " + LOG_TAIL_LINES
                + " lines of " + logFile + ":" + System.lineSeparator() + LogTail.read(logFile, LOG_TAIL_LINES), cause);
    }

    /** Stops the process: SIGTERM, then SIGKILL after the stop timeout. Does nothing if it is not running. */
    public synchronized void stop() {
        Process running = process;
        if (running == null) {
            return;
        }
        process = null;
        long begin = System.nanoTime();
        ProcessReaper.terminate(running, stopTimeout);
        ProcessReaper.unregister(running);
        LOG.info("{} stopped in {} ms (exit code {})", name, Duration.ofNanos(System.nanoTime() - begin).toMillis(),
                running.isAlive() ? "none, still alive" : String.valueOf(running.exitValue()));
    }

    /**
     * SIGKILL, no shutdown: the process and everything it started (etcd runs under a small sh) die at once, as in a
     * crash or a lost machine. {@link #start()} brings it back on the same ports and data. Does nothing if it is not
     * running.
     */
    public synchronized void kill() {
        Process running = process;
        if (running == null) {
            return;
        }
        process = null;
        // Descendants first, and waited for while their parent (etcd's sh wrapper) still reaps them: SIGKILL is
        // delivered asynchronously, and a test that connects right after kill() must find the port closed.
        List<ProcessHandle> descendants = running.descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + stopTimeout.toNanos();
        for (ProcessHandle d : descendants) {
            try {
                d.onExit().get(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                LOG.warn("{}: pid {} still there after SIGKILL ({})", name, d.pid(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        running.destroyForcibly();
        try {
            if (!running.waitFor(stopTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                LOG.warn("{} (pid {}) still alive {} ms after SIGKILL", name, running.pid(), stopTimeout.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ProcessReaper.unregister(running);
        LOG.info("{} killed (SIGKILL, pid {})", name, running.pid());
    }

    /** Stops and starts again on the same ports and data. */
    public synchronized void restart() {
        stop();
        start();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The process id, or -1 when not running. */
    public synchronized long pid() {
        return isRunning() ? process.pid() : -1;
    }

    /** How long the last successful start took, from launch to the first successful request. */
    public synchronized Duration lastStartupTime() {
        return lastStartup;
    }

    public String name() {
        return name;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The child's stdout and stderr, appended across restarts. */
    public Path logFile() {
        return logFile;
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return name + "[" + address() + ", data " + dataDir + "]";
    }

    /** One readiness check; {@link #close()} releases whatever client the check keeps between polls. */
    @FunctionalInterface
    protected interface ReadinessProbe extends AutoCloseable {
        boolean ready() throws Exception;

        @Override
        default void close() {
        }
    }
}
