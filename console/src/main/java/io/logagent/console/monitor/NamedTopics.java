package io.logagent.console.monitor;

import io.logagent.console.etcd.EtcdKv;
import io.logagent.core.collect.CollectConfigCodec;
import io.logagent.core.collect.CollectConfigException;
import io.logagent.core.collect.CollectEntry;
import io.logagent.core.etcd.EtcdKeyLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The topics the collect configs in etcd name, and who names each ({@code host 10.0.0.7}, {@code group web}): the
 * same keys, read with the same layout and codec, as the transfer follows. A value the codec refuses names nothing
 * here (the console shows its problems on the Hosts page).
 */
public final class NamedTopics {

    private final EtcdKv etcd;
    private final EtcdKeyLayout layout;
    private final CollectConfigCodec codec;

    public NamedTopics(EtcdKv etcd, EtcdKeyLayout layout, CollectConfigCodec codec) {
        this.etcd = etcd;
        this.layout = layout;
        this.codec = codec;
    }

    /** Topic → who names it, both sorted. */
    public Map<String, List<String>> read() {
        Map<String, List<String>> named = new TreeMap<>();
        for (String prefix : layout.collectPrefixes()) {
            etcd.list(prefix).forEach((key, value) -> layout.parse(key).ifPresent(k -> {
                for (String topic : topics(value.value())) {
                    List<String> by = named.computeIfAbsent(topic, t -> new ArrayList<>());
                    String who = k.kind().name().toLowerCase() + " " + k.name();
                    if (!by.contains(who)) {
                        by.add(who);
                    }
                }
            }));
        }
        named.values().forEach(l -> l.sort(null));
        return named;
    }

    private List<String> topics(String value) {
        try {
            return codec.parse(value).stream().map(CollectEntry::topic).toList();
        } catch (CollectConfigException e) {
            return List.of();
        }
    }
}
