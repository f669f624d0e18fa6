package io.logagent.agent.reload;

import io.logagent.agent.tail.Collector;
import io.logagent.agent.tail.CollectorFactory;
import io.logagent.core.status.CollectorStatus;
import io.logagent.core.collect.CollectEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.logagent.core.time.Deadline;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings the running collectors to a desired list of entries, touching only what changed (the idea of vector's
 * {@code topology/running.rs}): entries are matched by {@link CollectEntry#id()}; an added entry is started, a removed
 * one stopped, one whose settings changed (record inequality) restarted, and an unchanged one left running — no
 * gap, no duplicate. Start-up is the same call from an empty set, shutdown the same call to an empty list.
 *
 * <p>Stopped collectors are awaited before the new ones start, so a restarted entry's new collector resumes from the
 * offsets its predecessor left in the registry (no line read twice by two collectors at once).
 *
 * <p>Threading: {@link #apply} is called by one thread at a time (the config thread, then shutdown); it is
 * synchronized anyway. {@link #statuses()} may be called from any thread.
 */
public final class Reconciler {
    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final CollectorFactory factory;
    private final Duration stopTimeout;
    private final Clock clock;
    private final Map<String, Running> running = new LinkedHashMap<>();
    /** Copy of {@link #running} for readers on other threads; replaced, never mutated. */
    private volatile List<Running> snapshot = List.of();

    /** @param stopTimeout how long the collectors a reload stops may take together ({@code stop_timeout_ms}) */
    public Reconciler(CollectorFactory factory, Duration stopTimeout, Clock clock) {
        this.factory = factory;
        this.stopTimeout = stopTimeout;
        this.clock = clock;
    }

    /** What one {@link #apply} did, by entry id. */
    public record Changes(List<String> started, List<String> stopped, List<String> restarted, List<String> unchanged) {
        public boolean none() {
            return started.isEmpty() && stopped.isEmpty() && restarted.isEmpty();
        }
    }

    public synchronized Changes apply(List<CollectEntry> desired) throws InterruptedException {
        Map<String, CollectEntry> wanted = new LinkedHashMap<>();
        desired.forEach(e -> wanted.put(e.id(), e));
        List<String> started = new ArrayList<>();
        List<String> stopped = new ArrayList<>();
        List<String> restarted = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<Running> toStop = new ArrayList<>();
        for (Running r : running.values()) {
            CollectEntry next = wanted.get(r.entry.id());
            if (next == null) {
                stopped.add(r.entry.id());
                toStop.add(r);
            } else if (!next.equals(r.entry) || r.collector == null) { // a failed start is retried on every reload
                restarted.add(r.entry.id());
                toStop.add(r);
            } else {
                unchanged.add(r.entry.id());
            }
        }
        stopAll(toStop, Deadline.after(stopTimeout, clock));
        toStop.forEach(r -> running.remove(r.entry.id()));
        for (CollectEntry e : wanted.values()) {
            if (!running.containsKey(e.id())) {
                if (!restarted.contains(e.id())) {
                    started.add(e.id());
                }
                running.put(e.id(), start(e));
            }
        }
        snapshot = List.copyOf(running.values());
        Changes changes = new Changes(started, stopped, restarted, unchanged);
        if (!changes.none()) {
            log.info("collectors: started {}, stopped {}, restarted {}, unchanged {}", started, stopped, restarted,
                    unchanged.size());
        }
        return changes;
    }

    /**
     * Stops every collector for the agent's shutdown: {@code stop_timeout_ms} at most, and never beyond
     * {@code deadline} (the agent's one stop budget, of which the shipper's flush needs what is left).
     */
    public synchronized void stopAll(Deadline deadline) throws InterruptedException {
        List<Running> toStop = new ArrayList<>(running.values());
        stopAll(toStop, deadline.capped(stopTimeout));
        running.clear();
        snapshot = List.of();
        if (!toStop.isEmpty()) {
            log.info("collectors: stopped {}", toStop.stream().map(r -> r.entry.id()).toList());
        }
    }

    /** One status per running entry, in config order. */
    public List<CollectorStatus> statuses() {
        return snapshot.stream().map(Running::status).toList();
    }

    private Running start(CollectEntry entry) {
        try {
            Collector c = factory.create(entry);
            c.start();
            return new Running(entry, c, null);
        } catch (RuntimeException e) {
            // One entry that cannot start (e.g. a bad glob) must not keep the others from running.
            log.error("cannot start the collector of {}", entry.id(), e);
            return new Running(entry, null, "cannot start: " + e.getMessage());
        }
    }

    /** Signals every collector first, then waits for all, so stops run in parallel. */
    private void stopAll(List<Running> toStop, Deadline deadline) throws InterruptedException {
        toStop.stream().filter(r -> r.collector != null).forEach(r -> r.collector.stop());
        for (Running r : toStop) {
            if (r.collector != null) {
                if (!r.collector.awaitStop(deadline.remaining())) {
                    log.warn("collector of {} did not stop in time; its last offsets may be re-read", r.entry.id());
                }
            }
        }
    }

    /** @param startError set (and collector null) when the collector could not be created or started */
    private record Running(CollectEntry entry, Collector collector, String startError) {
        CollectorStatus status() {
            return collector != null ? collector.status()
                    : new CollectorStatus(entry.path(), entry.topic(), CollectorStatus.State.ERROR, startError, List.of());
        }
    }
}
