package io.logagent.agent.tail;

import io.logagent.core.status.CollectorStatus;

import io.logagent.core.collect.PathAllowlist;
import io.logagent.agent.registry.EntryRegistry;
import io.logagent.agent.ship.EventSink;
import io.logagent.core.collect.CollectEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Collects one entry: every scan interval it matches the entry's path or glob, opens a {@link Harvester} for each
 * new file and tells existing ones whether they are still there; in between it polls its harvesters in turn.
 *
 * <p>Why one thread per collector rather than one per file: with 1,000 files (most of them idle) a thread per
 * file would cost 1,000 stacks and wake-ups to learn that nothing changed. Here an idle file costs one file
 * descriptor and one {@code size()} call per poll. Files of one entry share its rate limit and its order of
 * delivery into the sink anyway, and the sink's back-pressure pauses them all alike; different entries run on
 * different threads, so a slow topic does not hold up the others.
 *
 * <p>Stopping: {@link #stop()} wakes and interrupts the thread (also when blocked in the sink or the rate limit);
 * the thread closes every file and ends. Events in flight are still acknowledged afterwards and their offsets
 * still reach the registry, so stop the shipper after the collectors and the registry last.
 */
public final class FileCollector implements Collector {

    private static final Logger log = LoggerFactory.getLogger(FileCollector.class);
    private static final long SAMPLE_INTERVAL_MS = 1000;

    private final CollectEntry entry;
    private final CollectorContext ctx;
    private final FileFinder finder;
    private final PathAllowlist allowlist;
    private final Thread thread;
    /** Written and iterated by the collector thread; read by status() from anywhere. */
    private final Map<FileKey, Harvester> harvesters = new ConcurrentHashMap<>();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    private volatile boolean started;
    private volatile String scanError;
    private volatile String fatalError;
    private String loggedScanError;

    FileCollector(CollectEntry entry, TailSettings settings, EntryRegistry registry, EventSink sink, Clock clock,
                  TailMetrics metrics, PathAllowlist allowlist) {
        this.entry = entry;
        this.allowlist = allowlist;
        RateLimiter limiter = entry.rateLimit() > 0 ? new RateLimiter(entry.rateLimit(), clock) : null;
        this.ctx = new CollectorContext(entry, settings, registry, sink, clock, metrics,
                new LineFilter(entry.includeLines(), entry.excludeLines()), limiter,
                ByteBuffer.allocate(settings.readBufferBytes()),
                new CopyDetector(registry, harvesters.values(), settings.copytruncateWait().toMillis()));
        this.finder = new FileFinder(entry.path(), entry.excludeFiles());
        this.thread = new Thread(this::run, "collector[" + entry.id() + "]");
    }

    @Override
    public synchronized void start() {
        if (started || stopSignal.getCount() == 0) {
            throw new IllegalStateException("a collector starts once: " + entry.id());
        }
        started = true;
        thread.start();
    }

    @Override
    public synchronized void stop() {
        stopSignal.countDown();
        if (started) {
            thread.interrupt();
        } else {
            stopped.countDown();
        }
    }

    @Override
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public CollectorStatus status() {
        List<CollectorStatus.FileStatus> files = new ArrayList<>();
        harvesters.values().forEach(h -> files.add(h.status()));
        String fileError = files.stream().filter(f -> HarvestState.ERROR.name().equals(f.state())).map(CollectorStatus.FileStatus::lastError)
                .findFirst().orElse(null);
        String error = fatalError != null ? fatalError : scanError != null ? scanError : fileError;
        CollectorStatus.State state;
        if (!started || stopped.getCount() == 0) {
            state = CollectorStatus.State.STOPPED;
        } else if (error != null) {
            state = CollectorStatus.State.ERROR;
        } else if (files.isEmpty()) {
            state = CollectorStatus.State.WAITING;
        } else {
            state = CollectorStatus.State.RUNNING;
        }
        return new CollectorStatus(entry.path(), entry.topic(), state, error, List.copyOf(files));
    }

    private void run() {
        Clock clock = ctx.clock();
        long scanEvery = ctx.settings().scanInterval().toMillis();
        long nextScan = Long.MIN_VALUE;
        long nextSample = clock.millis() + SAMPLE_INTERVAL_MS;
        boolean initialScan = true;
        try {
            while (stopSignal.getCount() > 0) {
                long now = clock.millis();
                if (now >= nextScan) {
                    scan(initialScan);
                    initialScan = false;
                    nextScan = now + scanEvery;
                }
                boolean moreWaiting = false;
                for (Harvester h : harvesters.values()) {
                    moreWaiting |= h.poll(now);
                    if (h.closed()) {
                        harvesters.remove(h.key());
                    }
                }
                if (now >= nextSample) {
                    harvesters.values().forEach(h -> h.sample(now));
                    nextSample = now + SAMPLE_INTERVAL_MS;
                }
                // Every file read to its end: wait for more to accumulate instead of spinning on a file that a
                // writer appends to continuously (a few lines per pass, each pass costing syscalls per file).
                if (!moreWaiting) {
                    stopSignal.await(ctx.settings().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            log.debug("collector {} interrupted: stopping", entry.id());
        } catch (RuntimeException e) {
            fatalError = "collector failed: " + e;
            log.error("collector {} failed and stopped", entry.id(), e); // a bug: fail loudly, visible in status
        } finally {
            harvesters.values().forEach(Harvester::close);
            harvesters.clear();
            stopped.countDown();
        }
    }

    private void scan(boolean initialScan) {
        List<Path> found;
        try {
            found = finder.find();
        } catch (IOException e) {
            reportScanError("cannot list files for " + entry.path() + ": " + e);
            return;
        }
        Map<Path, FileKey> keys = new LinkedHashMap<>();
        for (Path path : found) {
            try {
                keys.put(path, FileKey.of(path));
            } catch (IOException e) {
                // gone since the listing: nothing to read
            }
        }
        Set<FileKey> seen = new HashSet<>(keys.values());
        ctx.copies().scanned(seen); // before opening: whether a copy's original is still there
        String openError = null;
        for (Map.Entry<Path, FileKey> e : keys.entrySet()) {
            Path path = e.getKey();
            FileKey key = e.getValue();
            Harvester h = harvesters.get(key);
            if (h != null) {
                h.seenAt(path);
                continue;
            }
            try {
                // The entry's path was checked against allow_paths; a symlink found there may still point anywhere.
                // Opening the resolved path without following links leaves no link to swap in between.
                Path real = path.toRealPath();
                Optional<String> refused = allowlist.checkRealFile(path, real);
                if (refused.isPresent()) {
                    openError = refused.get(); // checked again next scan: the link may be fixed
                    continue;
                }
                harvesters.put(key, HarvesterOpening.open(ctx, path, real, key, initialScan));
            } catch (IOException ex) {
                openError = "cannot open " + path + ": " + ex; // e.g. permission denied: tried again next scan
            }
        }
        for (Harvester h : harvesters.values()) {
            if (!seen.contains(h.key())) {
                h.markUnlinked();
            }
        }
        reportScanError(openError);
    }

    private void reportScanError(String error) {
        scanError = error;
        if (error != null && !error.equals(loggedScanError)) {
            ctx.metrics().errors.increment();
            log.warn("collector {}: {}", entry.id(), error);
        }
        loggedScanError = error;
    }
}
