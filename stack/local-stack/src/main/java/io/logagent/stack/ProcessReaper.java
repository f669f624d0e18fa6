package io.logagent.stack;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure no child process outlives this JVM: one shutdown hook (installed on first use) terminates every
 * process still registered, in parallel, SIGTERM first and SIGKILL after {@link #EXIT_GRACE}.
 */
final class ProcessReaper {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessReaper.class);
    /** Bounded so a stuck child cannot hold up JVM exit for long; Kafka's controlled shutdown needs ~1 s. */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(10);
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessReaper::terminateAll, "logagent-stack-reaper"));
    }

    private ProcessReaper() {
    }

    static void register(Process process) {
        LIVE.add(process);
    }

    static void unregister(Process process) {
        LIVE.remove(process);
    }

    /** SIGTERM to the process (and its descendants), wait up to {@code grace}, then SIGKILL. */
    static void terminate(Process process, Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("pid {} did not stop within {} ms after SIGTERM, killing it", process.pid(), grace.toMillis());
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    private static void terminateAll() {
        List<Process> processes = List.copyOf(LIVE);
        processes.forEach(Process::destroy);
        long deadline = System.nanoTime() + EXIT_GRACE.toNanos();
        for (Process process : processes) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!process.waitFor(left, TimeUnit.NANOSECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }
    }
}
