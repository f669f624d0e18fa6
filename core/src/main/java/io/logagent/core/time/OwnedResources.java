package io.logagent.core.time;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The resources one owner made, closed in reverse order of creation (what was made from another is closed before
 * it), each within what is left of one {@link Deadline}. Registering a resource here is the statement that this
 * owner, and nobody else, closes it.
 *
 * <p>A close that throws is logged and the others still run. Thread-safe; {@link #closeAll} closes each once.
 */
public final class OwnedResources {
    private static final Logger log = LoggerFactory.getLogger(OwnedResources.class);

    /** How one resource is closed; {@code deadline} is what is left of the owner's stop budget. */
    @FunctionalInterface
    public interface Closing<T> {
        void close(T resource, Deadline deadline) throws Exception;
    }

    private record Owned(String name, Runnable close) { }

    private final Deque<Owned> created = new ArrayDeque<>();
    private Deadline closingBy;

    /** Registers {@code resource}, made just now, and returns it. */
    public synchronized <T> T add(String name, T resource, Closing<T> closing) {
        created.push(new Owned(name, () -> {
            try {
                closing.close(resource, closingBy);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("interrupted while closing {}", name);
            } catch (Exception | Error e) {
                log.warn("error closing {}: {}", name, e.toString());
            }
        }));
        return resource;
    }

    /** Registers a resource whose {@code close()} does not wait (or waits within its own bounded settings). */
    public synchronized <T extends AutoCloseable> T add(String name, T resource) {
        return add(name, resource, (r, deadline) -> r.close());
    }

    /** Closes everything registered, last made first; returns the names in the order they were closed. */
    public synchronized List<String> closeAll(Deadline deadline) {
        closingBy = deadline;
        List<String> order = new ArrayList<>();
        while (!created.isEmpty()) {
            Owned o = created.pop();
            o.close().run();
            order.add(o.name());
        }
        return order;
    }
}
