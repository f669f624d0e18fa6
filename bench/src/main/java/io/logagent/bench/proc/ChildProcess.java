package io.logagent.bench.proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process under measurement (our agent, a peer): launched with its output in a log file, sampled through
 * {@link ProcessStats} every 50 ms by a named thread so that the last reading before it exits is never older than
 * that, stopped with SIGTERM then SIGKILL. Registered with {@link Children} so nothing outlives the benchmark.
 */
public final class ChildProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
    private static final long SAMPLE_MS = 50;

    private final String name;
    private final Process process;
    private final Path log;
    private final Children children;
    private final long startedNanos;
    private final Thread sampler;
    private volatile ProcessStats.Sample last;

    private ChildProcess(String name, Process process, Path log, Children children, long startedNanos) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.children = children;
        this.startedNanos = startedNanos;
        this.sampler = Thread.ofPlatform().daemon().name("bench-sampler-" + name).unstarted(this::sample);
    }

    /** Starts {@code command} in {@code workDir}; stdout and stderr go to {@code log}. */
    public static ChildProcess start(String name, List<String> command, Path workDir, Path log, Map<String, String> env,
                                     Children children) {
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(env);
            long begin = System.nanoTime();
            Process p = pb.start();
            ChildProcess child = new ChildProcess(name, p, log, children, begin);
            children.register(child);
            child.sampler.start();
            LOG.info("{} started (pid {}), log {}", name, p.pid(), log);
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    private void sample() {
        while (process.isAlive()) {
            ProcessStats.read(process.pid()).ifPresent(s -> last = s);
            try {
                Thread.sleep(SAMPLE_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A fresh reading if the process is alive, else the last one taken before it exited. */
    public ProcessStats.Sample stats() {
        Optional<ProcessStats.Sample> now = ProcessStats.read(process.pid());
        now.ifPresent(s -> last = s);
        if (last == null) {
            throw new IllegalStateException(name + " exited before it could be measured; see " + log);
        }
        return last;
    }

    public long pid() {
        return process.pid();
    }

    public long startedNanos() {
        return startedNanos;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    public String name() {
        return name;
    }

    /** Fails with the log's location if the process died. */
    public void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; see " + log);
        }
    }

    /**
     * Fails if the process is gone; a process that is allowed to finish ({@code mayExit}) fails only with a
     * non-zero exit code.
     */
    public void checkRunning(boolean mayExit) {
        if (!process.isAlive() && !(mayExit && process.exitValue() == 0)) {
            throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; see " + log);
        }
    }

    /** Waits for the process to exit on its own; true if it did within {@code timeout}. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SIGTERM, up to 20 s for an orderly exit, then SIGKILL. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    LOG.warn("{} ignored SIGTERM for 20 s, killing it", name);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            sampler.interrupt();
            children.unregister(this);
        }
    }

    void kill() {
        process.destroyForcibly();
    }
}
