package io.logagent.core.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Follows one etcd key, or every key under a prefix, without ever missing a change: a Get, then a Watch from the
 * Get's revision + 1, so a change made between the two arrives as a watch event. When the watch fails it resumes
 * from the last revision seen + 1; when that revision has been compacted away, it starts over with a Get (a new
 * {@link Listener#onSnapshot}, which also reveals keys deleted meanwhile). A failing Get is retried with a capped
 * backoff, forever, until {@link #close()}.
 *
 * <p>Threading: everything runs on the owner's single thread ({@code executor}); jetcd callbacks are handed over
 * to it, so no state here is shared. Callbacks of a replaced watch are recognised by their generation and ignored.
 */
public final class EtcdWatcher {
    private static final Logger log = LoggerFactory.getLogger(EtcdWatcher.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    /** Called on the owner's thread. */
    public interface Listener {
        /** The whole state after a (re-)read: every key found (for a single key, none or that one). */
        void onSnapshot(Map<String, String> values, long revision);

        /** One key changed; {@code valueOrNull} is null when it was deleted. */
        void onChange(String key, String valueOrNull, long revision);

        void onUnavailable(String keyOrPrefix, Throwable cause);
    }

    private final KV kv;
    private final Watch watch;
    private final String key;
    private final boolean prefix;
    private final ByteSequence keyBytes;
    private final Listener listener;
    private final ScheduledExecutorService executor;
    private final Duration timeout;
    private final Duration firstBackoff;
    private final LongConsumer afterGet;
    private Duration backoff;
    private long lastRevision;
    private int generation;
    private Watch.Watcher watcher;
    private boolean closed;

    /**
     * @param prefix   follow every key starting with {@code key} instead of the key alone
     * @param afterGet called with the Get's revision before the watch starts; a seam for tests that must change the
     *                 key exactly in that window (production passes a no-op)
     */
    public EtcdWatcher(KV kv, Watch watch, String key, boolean prefix, Listener listener,
                       ScheduledExecutorService executor, Duration timeout, Duration backoff, LongConsumer afterGet) {
        this.kv = kv;
        this.watch = watch;
        this.key = key;
        this.prefix = prefix;
        this.keyBytes = ByteSequence.from(key, StandardCharsets.UTF_8);
        this.listener = listener;
        this.executor = executor;
        this.timeout = timeout;
        this.firstBackoff = backoff;
        this.backoff = backoff;
        this.afterGet = afterGet;
    }

    public void start() {
        executor.execute(this::fetch);
    }

    /** Must run on the owner's thread. */
    public void close() {
        closed = true;
        cancelWatch();
    }

    private void fetch() {
        if (closed) {
            return;
        }
        int gen = ++generation;
        GetOption option = prefix ? GetOption.builder().isPrefix(true).build() : GetOption.DEFAULT;
        kv.get(keyBytes, option).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenCompleteAsync((response, error) -> {
                    if (gen == generation && !closed) {
                        onFetched(response, error);
                    }
                }, executor);
    }

    private void onFetched(GetResponse response, Throwable error) {
        if (error != null) {
            listener.onUnavailable(key, error);
            log.warn("cannot read etcd {} {}: {}; retrying in {}", prefix ? "prefix" : "key", key, error.toString(),
                    backoff);
            retryLater(this::fetch);
            return;
        }
        backoff = firstBackoff;
        lastRevision = response.getHeader().getRevision();
        Map<String, String> values = new LinkedHashMap<>();
        for (KeyValue kv : response.getKvs()) {
            values.put(kv.getKey().toString(StandardCharsets.UTF_8), text(kv));
        }
        listener.onSnapshot(values, lastRevision);
        afterGet.accept(lastRevision);
        watchFrom(lastRevision + 1);
    }

    private void watchFrom(long revision) {
        if (closed) {
            return;
        }
        cancelWatch();
        int gen = ++generation;
        WatchOption option = WatchOption.builder().withRevision(revision).isPrefix(prefix).build();
        watcher = watch.watch(keyBytes, option, Watch.listener(
                response -> post(() -> { if (gen == generation && !closed) onEvents(response); }),
                error -> post(() -> { if (gen == generation && !closed) onWatchError(error); }),
                () -> post(() -> { if (gen == generation && !closed) onWatchError(null); })));
        log.debug("watching {} from revision {}", key, revision);
    }

    private void onEvents(WatchResponse response) {
        backoff = firstBackoff;
        long seen = lastRevision; // events of one transaction share a revision: compare with the previous response
        for (WatchEvent event : response.getEvents()) {
            long revision = event.getKeyValue().getModRevision();
            if (revision <= seen) {
                continue; // already seen (a resumed watch may repeat the boundary)
            }
            lastRevision = Math.max(lastRevision, revision);
            boolean deleted = event.getEventType() == WatchEvent.EventType.DELETE;
            listener.onChange(event.getKeyValue().getKey().toString(StandardCharsets.UTF_8),
                    deleted ? null : text(event.getKeyValue()), revision);
        }
    }

    private void onWatchError(Throwable error) {
        cancelWatch();
        if (isCompacted(error)) {
            log.info("watch of {} fell behind a compaction; reading again", key);
            executor.execute(this::fetch);
            return;
        }
        listener.onUnavailable(key, error != null ? error : new IllegalStateException("watch closed by etcd"));
        log.warn("watch of {} ended ({}); resuming from revision {} in {}", key, error, lastRevision + 1, backoff);
        retryLater(() -> watchFrom(lastRevision + 1));
    }

    private static boolean isCompacted(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CompactedException) {
                return true;
            }
        }
        return false;
    }

    private void retryLater(Runnable action) {
        int gen = ++generation; // anything still in flight from before is now stale
        executor.schedule(() -> {
            if (!closed && gen == generation) {
                action.run();
            }
        }, backoff.toMillis(), TimeUnit.MILLISECONDS);
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }

    /** Hands a jetcd callback to the owner's thread; once that is shut down, the watcher is closing anyway. */
    private void post(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("owner thread stopped; dropping a watch callback for {}", key);
        }
    }

    /** Closing a watcher makes jetcd call it back (onCompleted); the new generation marks that call as stale. */
    private void cancelWatch() {
        ++generation;
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
    }

    private static String text(KeyValue kv) {
        return kv.getValue().toString(StandardCharsets.UTF_8);
    }
}
