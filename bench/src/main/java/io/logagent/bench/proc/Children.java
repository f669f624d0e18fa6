package io.logagent.bench.proc;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every child process of one benchmark run. A JVM shutdown hook kills what is still alive, so a Ctrl-C or a failed
 * benchmark does not leave an agent, rsyslogd or Flume running on a shared machine.
 */
public final class Children {
    private final Set<ChildProcess> alive = ConcurrentHashMap.newKeySet();

    public Children() {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("bench-children-reaper").unstarted(
                () -> alive.forEach(ChildProcess::kill)));
    }

    void register(ChildProcess child) {
        alive.add(child);
    }

    void unregister(ChildProcess child) {
        alive.remove(child);
    }

    /** Stops every child still running (orderly, one by one). */
    public void closeAll() {
        alive.forEach(ChildProcess::close);
    }
}
