package io.logagent.cli;

import io.logagent.core.time.Deadline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs components until SIGTERM or Ctrl-C: starts them in order, and on the signal stops them in reverse order,
 * waiting for each to drain (the agent flushes to Kafka and saves offsets; the transfer commits what is stored).
 *
 * <p>Signals are handled directly rather than in a shutdown hook, because the JVM runs all shutdown hooks at
 * once: the local stack's process reaper would kill Kafka while the agent is still flushing to it. Here the
 * orderly stop completes first and the JVM exits afterwards. A shutdown hook remains for any other exit.
 *
 * <p>The components share one stop budget ({@link #STOP_BUDGET}): one {@link Deadline} is handed to each
 * component's {@code stop(deadline)}, whose own steps (the agent's flush, the transfer's batches in flight and
 * commit) each wait only for what is left of it, and the runner's wait for each is what is left too, so the
 * process ends within the budget however many components and steps there are (a service manager's stop timeout, e.g.
 * systemd's 90 s, can then be relied on). A component still running when the budget is spent is told to stop all
 * the same, and is logged as not stopped.
 */
public final class ServiceRunner {
    private static final Logger log = LoggerFactory.getLogger(ServiceRunner.class);
    /** How long stopping every component may take in total. */
    public static final Duration STOP_BUDGET = Duration.ofSeconds(30);

    private final List<NamedLifecycle> started = new ArrayList<>();
    private final List<Runnable> afterStop = new ArrayList<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Duration stopBudget;
    private final Clock clock;

    public ServiceRunner() {
        this(STOP_BUDGET, Clock.systemUTC());
    }

    ServiceRunner(Duration stopBudget, Clock clock) {
        this.stopBudget = stopBudget;
        this.clock = clock;
    }

    private record NamedLifecycle(String name, Lifecycle lifecycle) { }

    /**
     * Starts {@code lifecycle}. If its start fails (e.g. a credentials problem at the first connection), whatever it
     * had started is stopped, and so is everything started before, so the process can exit with the error.
     */
    public void start(String name, Lifecycle lifecycle) throws Exception {
        try {
            lifecycle.start();
        } catch (Exception | Error e) {
            stop(new NamedLifecycle(name, lifecycle), Deadline.after(stopBudget, clock));
            stopAll();
            throw e;
        }
        synchronized (started) {
            started.add(new NamedLifecycle(name, lifecycle));
        }
        log.info("{} started", name);
    }

    /** Runs {@code action} once every component has stopped (e.g. closing the servers they used). */
    public void afterStop(Runnable action) {
        synchronized (started) {
            afterStop.add(action);
        }
    }

    /** Installs the signal handlers, then blocks until every component has stopped. */
    public void runUntilSignalled() throws InterruptedException {
        Signal.handle(new Signal("INT"), s -> stopInBackground());
        Signal.handle(new Signal("TERM"), s -> stopInBackground());
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "logagent-shutdown"));
        done.await();
    }

    private void stopInBackground() {
        Thread t = new Thread(this::stopAll, "logagent-stop");
        t.start();
    }

    /** Stops everything started so far, last first, then runs the after-stop actions. Safe to call twice. */
    public void stopAll() {
        List<NamedLifecycle> toStop;
        List<Runnable> then;
        synchronized (started) {
            toStop = new ArrayList<>(started);
            then = new ArrayList<>(afterStop);
            started.clear();
            afterStop.clear();
        }
        Deadline deadline = Deadline.after(stopBudget, clock);
        for (int i = toStop.size() - 1; i >= 0; i--) {
            stop(toStop.get(i), deadline);
        }
        then.forEach(Runnable::run);
        done.countDown();
    }

    private void stop(NamedLifecycle c, Deadline deadline) {
        try {
            c.lifecycle().stop(deadline);
            if (c.lifecycle().awaitStop(deadline.remaining())) {
                log.info("{} stopped", c.name());
            } else {
                log.warn("{} did not stop within the stop budget of {}", c.name(), stopBudget);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("{} failed while stopping", c.name(), e);
        }
    }
}
