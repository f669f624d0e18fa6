package io.logagent.agent.tail;

import io.logagent.core.status.CollectorStatus;

import java.time.Duration;

/**
 * Collects one {@link io.logagent.core.collect.CollectEntry}: finds the files its path or glob matches and runs
 * one harvester per file. Started and stopped by the reload logic; an unchanged entry's collector keeps running
 * across reloads.
 *
 * <p>Lifecycle: {@link #start()} returns once its threads are running; {@link #stop()} only signals;
 * {@link #awaitStop(Duration)} waits until every harvester has ended and its last acknowledged offset is in the
 * registry.
 */
public interface Collector {
    void start();

    void stop();

    boolean awaitStop(Duration timeout) throws InterruptedException;

    /** A snapshot for the status report; cheap, callable from any thread. */
    CollectorStatus status();
}
