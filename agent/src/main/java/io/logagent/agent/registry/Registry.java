package io.logagent.agent.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where each file's acknowledged offset survives restarts: (collect entry id, file id {@code dev:inode:fingerprint})
 * → {@link FileState}. The entry is part of the key, as Filebeat keys its state by input id + file identity: two
 * entries reading the same file (say, to two topics) each have their own offset, so each ships every line;
 * collectors use the view of their entry, {@link #forEntry}. Kept in memory and written to {@code <dataDir>/registry.json} by a flusher thread every
 * flush interval when something changed, and once more on stop. A kill -9 loses at most one interval of offsets,
 * which means those lines are sent again (at-least-once), never skipped.
 *
 * <p>Threading: {@link #update} and {@link #remove} are called by harvester threads and by the shipper's
 * acknowledgement callbacks; they only touch a concurrent map and never block on disk.
 */
public final class Registry {

    private static final Logger log = LoggerFactory.getLogger(Registry.class);
    /** A file seen again within this time is not marked dirty just for its last-seen time. */
    private static final long TOUCH_GRANULARITY_MS = 60_000;

    private final RegistryStore store;
    private final Clock clock;
    private final Duration flushInterval;
    private final Duration cleanAfter;
    private final boolean firstStart;
    private final ConcurrentHashMap<RegistryKey, FileState> files;
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread flusher;

    private Registry(RegistryStore store, Clock clock, Duration flushInterval, Duration cleanAfter) throws IOException {
        this.store = store;
        this.clock = clock;
        this.flushInterval = flushInterval;
        this.cleanAfter = cleanAfter;
        this.firstStart = !store.exists();
        if (firstStart) {
            // Written now, not at the first flush: an agent killed before that flush must not take its next start
            // for the first one too, which would start the files at their end and skip what was written meanwhile.
            store.write(Map.of());
        }
        this.files = new ConcurrentHashMap<>(store.read());
        this.flusher = new Thread(this::runFlusher, "registry-flusher");
    }

    /** Opens with a 1 s flush interval and entries forgotten after 24 h unseen. */
    public static Registry open(Path dataDir, Clock clock) throws IOException {
        return open(dataDir, clock, Duration.ofSeconds(1), Duration.ofHours(24));
    }

    /** Reads {@code dataDir/registry.json} if present; fails loudly when it exists but cannot be read. */
    public static Registry open(Path dataDir, Clock clock, Duration flushInterval, Duration cleanAfter)
            throws IOException {
        Files.createDirectories(dataDir);
        return new Registry(new RegistryStore(dataDir, new ObjectMapper()), clock, flushInterval, cleanAfter);
    }

    /** What {@code dataDir/registry.json} holds, read without writing anything ({@code --check-config}). */
    public static String describe(Path dataDir) throws IOException {
        RegistryStore store = new RegistryStore(dataDir, new ObjectMapper());
        if (!store.exists()) {
            return "no registry yet (first start: existing files begin per their 'from')";
        }
        int files = store.read().size();
        return "registry format " + RegistryStore.formatVersion() + ", offsets of " + files
                + (files == 1 ? " file" : " files");
    }

    /** True when no registry existed: the agent has never run with this data directory. */
    public boolean firstStart() {
        return firstStart;
    }

    /** The view of one collect entry's files, which its collector reads and updates. */
    public EntryRegistry forEntry(String entryId) {
        return new EntryRegistry(this, entryId);
    }

    public Optional<FileState> get(String entryId, String fileId) {
        return Optional.ofNullable(files.get(new RegistryKey(entryId, fileId)));
    }

    /** The entry's files whose id starts with {@code dev:inode:}, by file id; recognises a file after a restart. */
    public Map<String, FileState> findByInode(String entryId, String devInode) {
        String prefix = devInode + ":";
        Map<String, FileState> found = new HashMap<>();
        files.forEach((key, state) -> {
            if (key.entryId().equals(entryId) && key.fileId().startsWith(prefix)) {
                found.put(key.fileId(), state);
            }
        });
        return found;
    }

    /** The entry's files, by file id: where a new file is compared with, to recognise a copy of one of them. */
    public Map<String, FileState> entryFiles(String entryId) {
        Map<String, FileState> found = new HashMap<>();
        files.forEach((key, state) -> {
            if (key.entryId().equals(entryId)) {
                found.put(key.fileId(), state);
            }
        });
        return found;
    }

    public void update(String entryId, String fileId, String path, long offset, int fingerprintLength) {
        update(entryId, fileId, path, offset, fingerprintLength, null, null);
    }

    public void update(String entryId, String fileId, String path, long offset, int fingerprintLength,
                       ContentCheck checkpoint, String copyOf) {
        files.put(new RegistryKey(entryId, fileId),
                new FileState(path, offset, clock.millis(), fingerprintLength, checkpoint, copyOf));
        dirty.set(true);
    }

    /** Records that the file still exists; cheap enough to call on every scan. */
    public void touch(String entryId, String fileId) {
        long now = clock.millis();
        FileState updated = files.computeIfPresent(new RegistryKey(entryId, fileId),
                (id, s) -> now - s.lastSeenMillis() >= TOUCH_GRANULARITY_MS
                        ? s.touched(now) : s);
        if (updated != null && updated.lastSeenMillis() == now) {
            dirty.set(true);
        }
    }

    public void remove(String entryId, String fileId) {
        if (files.remove(new RegistryKey(entryId, fileId)) != null) {
            dirty.set(true);
        }
    }

    /** Writes now when anything changed since the last write, after forgetting entries unseen for too long. */
    public synchronized void flush() throws IOException {
        long oldest = clock.millis() - cleanAfter.toMillis();
        files.forEach((id, s) -> {
            if (s.lastSeenMillis() < oldest && files.remove(id, s)) {
                log.info("forgetting {} ({}), not seen since {}", id, s.path(), s.lastSeenMillis());
                dirty.set(true);
            }
        });
        if (dirty.getAndSet(false)) {
            try {
                store.write(Map.copyOf(files));
            } catch (IOException e) {
                dirty.set(true); // written again at the next tick
                throw e;
            }
        }
    }

    public void start() {
        flusher.start();
    }

    /** Signals the flusher to write a last time and end. */
    public void stop() {
        stopSignal.countDown();
    }

    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runFlusher() {
        try {
            boolean stopping = false;
            while (!stopping) {
                stopping = stopSignal.await(flushInterval.toMillis(), TimeUnit.MILLISECONDS);
                try {
                    flush();
                } catch (IOException e) {
                    // Retriable (disk full, I/O error): the state stays dirty and is written at the next tick.
                    log.error("cannot write the registry {}; retrying in {}", store.file(), flushInterval, e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }
}
