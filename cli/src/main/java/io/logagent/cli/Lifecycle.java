package io.logagent.cli;

import java.time.Duration;

/** What every runnable component offers: {@code start()}, {@code stop()} (signals), {@code awaitStop} (waits). */
public interface Lifecycle {
    void start() throws Exception;

    void stop();

    boolean awaitStop(Duration timeout) throws InterruptedException;

    /** Adapts a component's own start/stop/awaitStop methods, e.g. {@code Lifecycle.of(agent::start, …)}. */
    static Lifecycle of(Start start, Runnable stop, AwaitStop awaitStop) {
        return new Lifecycle() {
            @Override
            public void start() throws Exception {
                start.run();
            }

            @Override
            public void stop() {
                stop.run();
            }

            @Override
            public boolean awaitStop(Duration timeout) throws InterruptedException {
                return awaitStop.await(timeout);
            }
        };
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
