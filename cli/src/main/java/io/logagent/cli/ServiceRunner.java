package io.logagent.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs components until SIGTERM or Ctrl-C: starts them in order, and on the signal stops them in reverse order,
 * waiting for each to drain (the agent flushes to Kafka and saves offsets; the transfer commits what is stored).
 */
public final class ServiceRunner {
    private static final Logger log = LoggerFactory.getLogger(ServiceRunner.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final List<NamedLifecycle> started = new ArrayList<>();
    private final CountDownLatch done = new CountDownLatch(1);

    private record NamedLifecycle(String name, Lifecycle lifecycle) { }

    public void start(String name, Lifecycle lifecycle) throws Exception {
        lifecycle.start();
        synchronized (started) {
            started.add(new NamedLifecycle(name, lifecycle));
        }
        log.info("{} started", name);
    }

    /** Installs the signal handler, then blocks until every component has stopped. */
    public void runUntilSignalled() throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "logagent-shutdown"));
        done.await();
    }

    /** Stops everything started so far, last first. Safe to call twice. */
    public void stopAll() {
        List<NamedLifecycle> toStop;
        synchronized (started) {
            toStop = new ArrayList<>(started);
            started.clear();
        }
        for (int i = toStop.size() - 1; i >= 0; i--) {
            NamedLifecycle c = toStop.get(i);
            try {
                c.lifecycle().stop();
                if (!c.lifecycle().awaitStop(STOP_TIMEOUT)) {
                    log.warn("{} did not stop within {}", c.name(), STOP_TIMEOUT);
                } else {
                    log.info("{} stopped", c.name());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.error("{} failed while stopping", c.name(), e);
            }
        }
        done.countDown();
    }
}
