package io.logagent.transfer.etcd;

import io.etcd.jetcd.Client;
import io.logagent.core.collect.CollectConfigCodec;
import io.logagent.core.collect.CollectConfigException;
import io.logagent.core.collect.CollectEntry;
import io.logagent.core.etcd.EtcdKeyLayout;
import io.logagent.core.etcd.EtcdWatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Follows every collect config in etcd (host keys and group keys, by prefix, like the agent follows its own key)
 * and hands the union of their {@code topic} fields to {@code onTopics} whenever it changes.
 *
 * <p>What a value means here mirrors what it means to an agent: an invalid value keeps that key's previous
 * topics (the agent keeps collecting its previous config) and is reported in {@link #problems()} and logged once; a
 * deleted key drops its topics. Keys under the prefixes that are not collect configs (status, audit) are ignored.
 *
 * <p>Threading: one thread, {@code transfer-etcd}, runs the watchers' callbacks and the union; {@code onTopics} is
 * called on it. {@link #problems()} and {@link #topics()} may be read from any thread.
 */
public final class CollectTopicFollower {
    private static final Logger log = LoggerFactory.getLogger(CollectTopicFollower.class);

    /** What one key contributes; {@code error} is why its current value was refused. */
    private record KeyTopics(Set<String> topics, String error) { }

    private final Client client;
    private final EtcdKeyLayout layout;
    private final Duration timeout;
    private final CollectConfigCodec codec;
    private final Consumer<Set<String>> onTopics;
    private final ScheduledExecutorService executor;
    private final List<EtcdWatcher> watchers = new ArrayList<>();
    /** By key; touched only on the etcd thread. */
    private final Map<String, KeyTopics> keys = new TreeMap<>();
    private Set<String> published;
    private volatile Set<String> topics = Set.of();
    private volatile List<String> problems = List.of();
    private volatile String unavailable;

    public CollectTopicFollower(Client client, EtcdKeyLayout layout, Duration timeout, CollectConfigCodec codec,
                                Consumer<Set<String>> onTopics) {
        this.client = client;
        this.layout = layout;
        this.timeout = timeout;
        this.codec = codec;
        this.onTopics = onTopics;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "transfer-etcd"));
    }

    public void start() {
        executor.execute(() -> {
            for (String prefix : layout.collectPrefixes()) {
                EtcdWatcher w = new EtcdWatcher(client.getKVClient(), client.getWatchClient(), prefix, true,
                        new Callbacks(prefix), executor, timeout, Duration.ofMillis(500), revision -> { });
                watchers.add(w);
                w.start();
            }
            log.info("following the topics of the collect configs under {}", layout.collectPrefixes());
        });
    }

    public void stop() {
        executor.execute(() -> watchers.forEach(EtcdWatcher::close));
        executor.shutdown();
    }

    public boolean awaitStop(Duration wait) throws InterruptedException {
        return executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The topics the collect configs name now, sorted. */
    public Set<String> topics() {
        return topics;
    }

    /** Refused values (key, revision, why) and a lost etcd connection; empty when all is well. */
    public List<String> problems() {
        return unavailable == null ? problems : concat(unavailable, problems);
    }

    private final class Callbacks implements EtcdWatcher.Listener {
        private final String prefix;

        Callbacks(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public void onSnapshot(Map<String, String> values, long revision) {
            unavailable = null;
            keys.keySet().removeIf(k -> k.startsWith(prefix) && !values.containsKey(k));
            values.forEach((k, v) -> apply(k, v, revision));
            publish();
        }

        @Override
        public void onChange(String key, String valueOrNull, long revision) {
            unavailable = null;
            apply(key, valueOrNull, revision);
            publish();
        }

        @Override
        public void onUnavailable(String keyOrPrefix, Throwable cause) {
            unavailable = "etcd unreachable (" + keyOrPrefix + "): " + cause;
        }
    }

    private void apply(String key, String valueOrNull, long revision) {
        if (layout.parse(key).isEmpty()) {
            return;
        }
        if (valueOrNull == null) {
            keys.remove(key);
            return;
        }
        KeyTopics before = keys.get(key);
        try {
            Set<String> named = codec.parse(valueOrNull).stream().map(CollectEntry::topic)
                    .collect(Collectors.toCollection(TreeSet::new));
            keys.put(key, new KeyTopics(named, null));
        } catch (CollectConfigException e) {
            String error = key + " at revision " + revision + " is invalid, its previous topics stay: "
                    + String.join("; ", e.problems());
            if (before == null || !error.equals(before.error())) {
                log.warn("{}", error);
            }
            keys.put(key, new KeyTopics(before == null ? Set.of() : before.topics(), error));
        }
    }

    private void publish() {
        Set<String> union = new TreeSet<>();
        List<String> errors = new ArrayList<>();
        for (KeyTopics k : keys.values()) {
            union.addAll(k.topics());
            if (k.error() != null) {
                errors.add(k.error());
            }
        }
        problems = List.copyOf(errors);
        if (union.equals(published)) {
            return;
        }
        published = union;
        topics = Collections.unmodifiableSet(union);
        log.info("collect configs in etcd name {} topics: {}", union.size(), union);
        onTopics.accept(topics);
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
