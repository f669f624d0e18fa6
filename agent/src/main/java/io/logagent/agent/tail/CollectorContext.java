package io.logagent.agent.tail;

import io.logagent.agent.registry.EntryRegistry;
import io.logagent.agent.ship.EventSink;
import io.logagent.core.collect.CollectEntry;

import java.nio.ByteBuffer;
import java.time.Clock;

/**
 * What a collector's harvesters share. Everything here is used by the collector's one thread only, except the
 * registry and the sink, which are thread-safe.
 *
 * @param registry   the entry's own offsets (another entry reading the same file has its own)
 * @param limiter    the entry's rate limit, or null when unlimited
 * @param readBuffer the one read buffer of the collector: a file's bytes are split into lines before the next
 *                   file is read, so one buffer serves all of them
 * @param copies     which new files are copytruncate copies of the entry's files
 */
record CollectorContext(CollectEntry entry, TailSettings settings, EntryRegistry registry, EventSink sink, Clock clock,
                        TailMetrics metrics, LineFilter filter, RateLimiter limiter, ByteBuffer readBuffer,
                        CopyDetector copies) {
}
