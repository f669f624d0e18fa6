package io.logagent.core.time;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The resources one owner made, closed in reverse order of creation (what was made from another is closed before
 * it), each within what is left of one {@link Deadline}. Registering a resource here is the statement that this
 * owner, and nobody else, closes it.
 *
 * <p>Each close runs through {@link BoundedClose}: one still running at the deadline is abandoned (logged by name),
 * so that the sum holds even for a close that ignores the time it is given; the later ones are still started. A
 * close that throws is logged and the others still run. Thread-safe; {@link #closeAll} closes each once.
 */
public final class OwnedResources {

    /** How one resource is closed; {@code deadline} is what is left of the owner's stop budget. */
    @FunctionalInterface
    public interface Closing<T> {
        void close(T resource, Deadline deadline) throws Exception;
    }

    private record Owned(String name, BoundedClose.Close close) { }

    private final Deque<Owned> created = new ArrayDeque<>();

    /** Registers {@code resource}, made just now, and returns it. */
    public synchronized <T> T add(String name, T resource, Closing<T> closing) {
        created.push(new Owned(name, deadline -> closing.close(resource, deadline)));
        return resource;
    }

    /**
     * Registers a resource closed by its {@code close()}, which has no timeout to give: one that waits longer than
     * what is left is abandoned at the deadline.
     */
    public synchronized <T extends AutoCloseable> T add(String name, T resource) {
        return add(name, resource, (r, deadline) -> r.close());
    }

    /**
     * Closes everything registered, last made first, within {@code deadline}; returns the names in the order they
     * were closed (or abandoned, see {@link BoundedClose}).
     */
    public synchronized List<String> closeAll(Deadline deadline) {
        List<String> order = new ArrayList<>();
        while (!created.isEmpty()) {
            Owned o = created.pop();
            BoundedClose.run(o.name(), o.close(), deadline);
            order.add(o.name());
        }
        return order;
    }
}
