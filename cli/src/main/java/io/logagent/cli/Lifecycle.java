package io.logagent.cli;

import java.time.Duration;

/** What every runnable component offers; adapts the components' own start/stop/awaitStop methods. */
public interface Lifecycle {
    void start() throws Exception;

    void stop();

    boolean awaitStop(Duration timeout) throws InterruptedException;
}
