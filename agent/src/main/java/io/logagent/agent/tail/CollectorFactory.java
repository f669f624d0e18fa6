package io.logagent.agent.tail;

import io.logagent.core.collect.CollectEntry;

/** Makes the collector for an entry; the reload logic goes through this for start-up and every change alike. */
public interface CollectorFactory {
    Collector create(CollectEntry entry);
}
