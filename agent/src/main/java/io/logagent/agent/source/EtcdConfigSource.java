package io.logagent.agent.source;

import io.etcd.jetcd.Client;
import io.logagent.agent.config.AgentConfig;
import io.logagent.agent.config.AgentConfig.OnKeyDelete;
import io.logagent.core.collect.PathAllowlist;
import io.logagent.agent.source.DesiredConfig.Origin;
import io.logagent.agent.source.DesiredConfig.Refused;
import io.logagent.core.collect.CanaryKeys;
import io.logagent.core.collect.CollectConfigCodec;
import io.logagent.core.collect.CollectConfigException;
import io.logagent.core.collect.CollectEntry;
import io.logagent.core.etcd.EtcdWatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The agent's desired config, followed live in etcd: its own key ({@code collect_log_key} with its IP) and one key
 * per group. Every change is parsed with core's {@link CollectConfigCodec}, merged (a per-host entry wins over a
 * group entry with the same id), filtered by {@code allow_paths} and handed to the {@link DesiredConfig.Listener}.
 *
 * <p>Failures never stop collection: an invalid value keeps that key's previous entries (the error shows in the
 * status); a deleted key keeps them too unless {@code on_key_delete=stop}; etcd unreachable at start means the last
 * applied config ({@link LastConfigStore}) is used while the key watchers keep retrying in the background.
 *
 * <p>Threading: one thread, {@code logagent-config}, runs the watchers' callbacks, the merge and the listener;
 * its queue holds at most a few tasks per key (one callback or one scheduled retry each).
 */
public final class EtcdConfigSource {
    private static final Logger log = LoggerFactory.getLogger(EtcdConfigSource.class);

    private final Client client;
    private final AgentConfig.Etcd etcd;
    private final PathAllowlist allowlist;
    private final OnKeyDelete onKeyDelete;
    private final LastConfigStore lastConfig;
    private final CollectConfigCodec codec;
    private final DesiredConfig.Listener listener;
    private final LongConsumer afterGet;
    private final ScheduledExecutorService executor;
    /** By key, own key last so its entries win the merge; touched only on the config thread. */
    private final Map<String, KeyState> keys = new LinkedHashMap<>();
    private final List<EtcdWatcher> watchers = new ArrayList<>();
    /** Group key → this host's canary key below it; empty without a host IP. */
    private final Map<String, String> canaries = new LinkedHashMap<>();
    private final String hostIp;
    private boolean emitted;
    private volatile String unavailable;

    public EtcdConfigSource(Client client, AgentConfig.Etcd etcd, PathAllowlist allowlist, OnKeyDelete onKeyDelete,
                            LastConfigStore lastConfig, CollectConfigCodec codec, DesiredConfig.Listener listener) {
        this(client, etcd, allowlist, onKeyDelete, lastConfig, codec, listener, revision -> { }, null);
    }

    /** @param hostIp this host's IP, for its canary key below each group key ({@link CanaryKeys}); null for none */
    public EtcdConfigSource(Client client, AgentConfig.Etcd etcd, PathAllowlist allowlist, OnKeyDelete onKeyDelete,
                            LastConfigStore lastConfig, CollectConfigCodec codec, DesiredConfig.Listener listener,
                            String hostIp) {
        this(client, etcd, allowlist, onKeyDelete, lastConfig, codec, listener, revision -> { }, hostIp);
    }

    /** @param afterGet test seam, see {@link EtcdWatcher} */
    EtcdConfigSource(Client client, AgentConfig.Etcd etcd, PathAllowlist allowlist, OnKeyDelete onKeyDelete,
                     LastConfigStore lastConfig, CollectConfigCodec codec, DesiredConfig.Listener listener,
                     LongConsumer afterGet, String hostIp) {
        this.hostIp = hostIp;
        this.client = client;
        this.etcd = etcd;
        this.allowlist = allowlist;
        this.onKeyDelete = onKeyDelete;
        this.lastConfig = lastConfig;
        this.codec = codec;
        this.listener = listener;
        this.afterGet = afterGet;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "logagent-config"));
    }

    private static final class KeyState {
        boolean loaded;
        List<CollectEntry> entries = List.of();
        String error;
        long revision;
        /** The revision of the value {@code entries} come from: an invalid value leaves it behind {@code revision}. */
        long applied;
        /** Set while the newest value is invalid: that value's revision and problems. */
        DesiredConfig.Failed failed;
        /** For a canary key: it exists, so its value replaces the group key's. */
        boolean present;
    }

    public void start() {
        executor.execute(() -> {
            List<String> order = new ArrayList<>();
            for (String group : etcd.groupKeys()) {
                order.add(group);
                if (hostIp != null) {
                    canaries.put(group, CanaryKeys.key(group, hostIp));
                    order.add(canaries.get(group));
                }
            }
            order.add(etcd.collectKey());
            for (String key : order) {
                keys.put(key, new KeyState());
                EtcdWatcher w = new EtcdWatcher(client.getKVClient(), client.getWatchClient(), key, false,
                        new Callbacks(key), executor, etcd.timeout(), Duration.ofMillis(500), afterGet);
                watchers.add(w);
                w.start();
            }
            executor.schedule(this::fallBackToLastConfig, etcd.timeout().toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    public void stop() {
        executor.execute(() -> watchers.forEach(EtcdWatcher::close));
        executor.shutdown();
    }

    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The last connection problem with etcd, or null once it answered again; for the status. */
    public String connectionError() {
        return unavailable;
    }

    /** One key's watcher callbacks, as "the key's value is now ...". */
    private final class Callbacks implements EtcdWatcher.Listener {
        private final String key;

        Callbacks(String key) {
            this.key = key;
        }

        @Override
        public void onSnapshot(Map<String, String> values, long revision) {
            onValue(values.get(key), false, revision);
        }

        @Override
        public void onChange(String changed, String valueOrNull, long revision) {
            onValue(valueOrNull, valueOrNull == null, revision);
        }

        private void onValue(String value, boolean deleted, long revision) {
            KeyState state = keys.get(key);
            state.loaded = true;
            state.revision = revision;
            unavailable = null;
            state.failed = null;
            state.present = value != null;
            if (canaries.containsValue(key) && value == null) {
                // A canary key that is absent or was deleted (rolled back or promoted): the group key's value runs.
                state.entries = List.of();
                state.applied = revision;
                state.error = null;
            } else if (deleted && onKeyDelete == OnKeyDelete.KEEP) {
                state.error = key + " was deleted; still collecting its last config (on_key_delete=keep)";
            } else if (deleted) {
                state.entries = List.of();
                state.applied = revision;
                state.error = key + " was deleted; collecting nothing from it (on_key_delete=stop)";
            } else {
                try {
                    state.entries = codec.parse(value);
                    state.applied = revision;
                    state.error = null;
                } catch (CollectConfigException e) {
                    state.failed = new DesiredConfig.Failed(revision, e.getMessage());
                    state.error = key + " at revision " + revision + " is invalid, the previous config stays: "
                            + e.getMessage();
                }
            }
            if (state.error != null) {
                log.error("{}", state.error);
            }
            publish();
        }

        @Override
        public void onUnavailable(String keyOrPrefix, Throwable cause) {
            unavailable = "etcd unreachable (" + key + "): " + cause;
        }
    }

    /** Emits the merge once every key has been read at least once (so group entries never flap at start). */
    private void publish() {
        if (keys.values().stream().anyMatch(s -> !s.loaded)) {
            return;
        }
        Map<String, CollectEntry> merged = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        long revision = 0;
        Map<String, Long> keyRevisions = new LinkedHashMap<>();
        Map<String, DesiredConfig.Failed> failed = new LinkedHashMap<>();
        for (Map.Entry<String, KeyState> k : keys.entrySet()) {
            KeyState s = k.getValue();
            keyRevisions.put(k.getKey(), s.applied);
            revision = Math.max(revision, s.revision);
            if (canaries.containsValue(k.getKey()) ? !s.present : overriddenByCanary(k.getKey())) {
                continue; // an absent canary key, or a group key whose canary key holds this host's value now
            }
            s.entries.forEach(e -> {
                merged.put(e.id(), e);
                origins.put(e.id(), k.getKey());
            });
            if (s.error != null) {
                errors.add(s.error);
            }
            if (s.failed != null) {
                failed.put(k.getKey(), s.failed);
            }
        }
        List<CollectEntry> all = List.copyOf(merged.values());
        try {
            lastConfig.save(all);
        } catch (IOException e) {
            log.error("cannot save the last known config to {}: {}", lastConfig.file(), e.toString());
            errors.add("cannot save " + lastConfig.file() + ": " + e.getMessage());
        }
        emit(all, origins, errors, revision, Origin.ETCD, keyRevisions, failed);
    }

    private boolean overriddenByCanary(String key) {
        String canary = canaries.get(key);
        return canary != null && keys.get(canary).present;
    }

    private void fallBackToLastConfig() {
        if (emitted) {
            return;
        }
        Optional<List<CollectEntry>> last = lastConfig.load();
        String why = (unavailable != null ? unavailable : "etcd did not answer within " + etcd.timeout())
                + "; still trying in the background";
        log.warn("{}; using the last known config {} ({})", why, lastConfig.file(),
                last.map(l -> l.size() + " entries").orElse("none"));
        emit(last.orElse(List.of()), Map.of(), List.of(why + "; using the last known config"), 0, Origin.LOCAL_COPY,
                Map.of(), Map.of());
    }

    /** @param origins entry id → the key it came from */
    private void emit(List<CollectEntry> all, Map<String, String> origins, List<String> errors, long revision,
                      Origin origin, Map<String, Long> keyRevisions, Map<String, DesiredConfig.Failed> failed) {
        List<CollectEntry> allowed = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        for (CollectEntry e : all) {
            allowlist.check(e.path()).ifPresentOrElse(
                    reason -> refused.add(new Refused(e, origins.getOrDefault(e.id(), ""), reason)),
                    () -> allowed.add(e));
        }
        refused.forEach(r -> log.error("refusing collect entry {}: {}", r.entry().id(), r.reason()));
        emitted = true;
        try {
            listener.onConfig(new DesiredConfig(allowed, refused, errors, revision, origin, keyRevisions, failed));
        } catch (RuntimeException e) {
            log.error("applying config revision {} failed", revision, e);
        }
    }
}
