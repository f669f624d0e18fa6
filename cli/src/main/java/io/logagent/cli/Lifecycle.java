package io.logagent.cli;

import io.logagent.core.time.Deadline;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * What every runnable component offers: {@code start()}, {@code stop(deadline)} (signals; every step of the
 * component's shutdown ends by {@code deadline}), {@code awaitStop} (waits).
 */
public interface Lifecycle {
    void start() throws Exception;

    /** Signals the stop. The component's own shutdown steps share {@code deadline}; none waits beyond it. */
    void stop(Deadline deadline);

    boolean awaitStop(Duration timeout) throws InterruptedException;

    /** Adapts a component whose stop takes the shared deadline, e.g. {@code Lifecycle.of(agent::start, agent::stop, …)}. */
    static Lifecycle of(Start start, Consumer<Deadline> stop, AwaitStop awaitStop) {
        return new Lifecycle() {
            @Override
            public void start() throws Exception {
                start.run();
            }

            @Override
            public void stop(Deadline deadline) {
                stop.accept(deadline);
            }

            @Override
            public boolean awaitStop(Duration timeout) throws InterruptedException {
                return awaitStop.await(timeout);
            }
        };
    }

    /** Adapts a component whose stop is a bare signal with nothing to wait for but {@code awaitStop} itself. */
    static Lifecycle ofSignal(Start start, Runnable stop, AwaitStop awaitStop) {
        return of(start, deadline -> stop.run(), awaitStop);
    }

    @FunctionalInterface
    interface Start {
        void run() throws Exception;
    }

    @FunctionalInterface
    interface AwaitStop {
        boolean await(Duration timeout) throws InterruptedException;
    }
}
