package io.logagent.core.problem;

import org.slf4j.Logger;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where a component reports the connection problems of one client: logs each as one ERROR line, at most once per
 * distinct problem per minute, and remembers the latest one so status pages can show it until the client works
 * again ({@link #clear()}).
 */
public final class ProblemReporter {
    private final Logger log;
    private final OncePerInterval limiter;
    private final AtomicReference<ConnectionProblem> current = new AtomicReference<>();

    public ProblemReporter(Logger log, OncePerInterval limiter) {
        this.log = Objects.requireNonNull(log, "log");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
    }

    /** One line per distinct problem per minute, on {@code clock}. */
    public static ProblemReporter perMinute(Logger log, Clock clock) {
        return new ProblemReporter(log, OncePerInterval.perMinute(clock));
    }

    /** Logs {@code problem} unless the same line was logged less than an interval ago; always records it. */
    public void report(ConnectionProblem problem) {
        current.set(problem);
        OptionalLong heldBack = limiter.admit(problem.line());
        if (heldBack.isPresent()) {
            long n = heldBack.getAsLong();
            log.error("{}{}", problem.line(), n == 0 ? "" : " (" + n + " more since the last report)");
        }
    }

    /** The client works again: nothing to show any more. */
    public void clear() {
        if (current.get() != null) { // called on every success: a read is cheaper than a write
            current.set(null);
        }
    }

    /** The latest unresolved problem, if any. */
    public Optional<ConnectionProblem> current() {
        return Optional.ofNullable(current.get());
    }
}
