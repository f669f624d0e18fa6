package io.logagent.core.time;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes one resource within what is left of a {@link Deadline}, whatever its own close does. The close runs on a
 * named daemon thread ({@code close-<name>}) and is waited for until the deadline; one still running then is
 * abandoned: logged with its name and left to end on its own thread, never joined. A client stuck in close (an
 * etcd channel waiting for a dead server, an HTTP client for a request in flight, an admin client for a broker
 * gone) then costs the shutdown nothing past its budget, and the daemon thread does not keep the JVM alive.
 *
 * <p>A close given an expired deadline is still started (it may be quick, and a resource left open leaks more
 * than one abandoned), but not waited for.
 */
public final class BoundedClose {

    private static final Logger log = LoggerFactory.getLogger(BoundedClose.class);

    /** A close that may throw, given the deadline (a resource with a timeout of its own takes what is left). */
    @FunctionalInterface
    public interface Close {
        void run(Deadline deadline) throws Exception;
    }

    private BoundedClose() {
    }

    /** {@code resource.close()} within {@code deadline}; true when it ended in time (also by an error, logged). */
    public static boolean close(String name, AutoCloseable resource, Deadline deadline) {
        return run(name, d -> resource.close(), deadline);
    }

    /**
     * Runs {@code close} within {@code deadline}; true when it ended in time (also by an error, logged), false when
     * it was abandoned at the deadline.
     */
    public static boolean run(String name, Close close, Deadline deadline) {
        Thread closer = Thread.ofPlatform().name("close-" + name).daemon(true).unstarted(() -> {
            try {
                close.run(deadline);
            } catch (InterruptedException e) {
                log.warn("interrupted while closing {}", name);
            } catch (Exception | Error e) {
                log.warn("error closing {}: {}", name, e.toString());
            }
        });
        closer.start();
        try {
            if (closer.join(deadline.remaining())) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the owner is told to hurry: the closes after this are not waited for
            log.warn("closing {} not waited for: interrupted (thread {} left to end on its own)", name,
                    closer.getName());
            return false;
        }
        log.warn("closing {} abandoned: still running at the stop deadline (thread {} left to end on its own)", name,
                closer.getName());
        return false;
    }
}
