package io.logagent.console.monitor;

import io.etcd.jetcd.Client;
import io.logagent.core.etcd.EtcdWatcher;
import io.logagent.core.status.StatusJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The agents' statuses kept in memory by a watch on the status prefix (core's {@link EtcdWatcher}: a Get, then a
 * watch from its revision, re-read after a compaction), so the Hosts tab, the group rollout and the pipeline sampler
 * read a map instead of fetching and parsing every status (1,000 hosts: a few MB of JSON) on each request. Each status
 * is parsed once, when it changes. While the watch is down {@link #current()} is empty and readers go to etcd
 * themselves: the cache never serves what it cannot vouch for.
 *
 * <p>Lifecycle: {@link #start()} starts the watch on thread {@code console-status-watch}; {@link #close()} stops it.
 */
public final class StatusCache implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatusCache.class);

    private final ScheduledExecutorService thread =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "console-status-watch"));
    private final EtcdWatcher watcher;
    private final String prefix;
    private final StatusJson json;
    private volatile ConcurrentSkipListMap<String, AgentStatuses.Reported> statuses = new ConcurrentSkipListMap<>();
    private volatile boolean live;

    public StatusCache(Client etcd, String prefix, Duration timeout, StatusJson json) {
        this.prefix = prefix;
        this.json = json;
        this.watcher = new EtcdWatcher(etcd.getKVClient(), etcd.getWatchClient(), prefix, true, new Listener(),
                thread, timeout, Duration.ofMillis(500), revision -> { });
    }

    public void start() {
        watcher.start();
    }

    /** ip → status, when the watch is current; empty while it is (re)connecting. */
    public Optional<Map<String, AgentStatuses.Reported>> current() {
        return live ? Optional.of(new TreeMap<>(statuses)) : Optional.empty();
    }

    private final class Listener implements EtcdWatcher.Listener {
        @Override
        public void onSnapshot(Map<String, String> values, long revision) {
            ConcurrentSkipListMap<String, AgentStatuses.Reported> fresh = new ConcurrentSkipListMap<>();
            values.forEach((key, value) -> fresh.put(ip(key), AgentStatuses.parse(json, ip(key), value)));
            statuses = fresh; // one swap: a reader sees the old map or the new one, never half of it
            live = true;
        }

        @Override
        public void onChange(String key, String valueOrNull, long revision) {
            if (valueOrNull == null) {
                statuses.remove(ip(key)); // the agent's lease ended: it stopped or died
            } else {
                statuses.put(ip(key), AgentStatuses.parse(json, ip(key), valueOrNull));
            }
        }

        @Override
        public void onUnavailable(String keyOrPrefix, Throwable cause) {
            if (live) {
                log.warn("watch of agent statuses under {} interrupted ({}); reading etcd directly until it resumes",
                        keyOrPrefix, cause.toString());
            }
            live = false;
        }
    }

    private String ip(String key) {
        return key.substring(prefix.length());
    }

    @Override
    public void close() throws InterruptedException {
        thread.execute(watcher::close);
        thread.shutdown();
        if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
            thread.shutdownNow();
        }
    }
}
