package io.logagent.transfer.consume;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which offsets may be committed. Every batch leaves, per partition it touches, a {@link Segment} "records up to
 * {@code nextOffset - 1}"; segments of one partition queue up in offset order. A partition's committable offset
 * advances only over a prefix of finished segments, so a batch that finishes early never lets the commit skip
 * over an earlier batch still in flight: a commit always means "everything before this is stored or
 * dead-lettered".
 *
 * <p>Consumer thread only (completions reach it through the dispatcher's queue). Partitions that are revoked
 * or lost are forgotten: segments of theirs that finish later no longer commit anything.
 */
final class OffsetLedger {

    /** Records of one partition in one batch, up to {@code nextOffset - 1}. */
    static final class Segment {
        final TopicPartition partition;
        final long nextOffset;
        boolean done;

        Segment(TopicPartition partition, long nextOffset) {
            this.partition = partition;
            this.nextOffset = nextOffset;
        }
    }

    private final Map<TopicPartition, ArrayDeque<Segment>> pending = new HashMap<>();
    private final Map<TopicPartition, Long> committable = new HashMap<>();
    private final Map<TopicPartition, Long> changed = new HashMap<>();

    Segment track(TopicPartition partition, long nextOffset) {
        Segment s = new Segment(partition, nextOffset);
        pending.computeIfAbsent(partition, p -> new ArrayDeque<>()).addLast(s);
        return s;
    }

    void complete(Collection<Segment> segments) {
        for (Segment s : segments) {
            s.done = true;
            ArrayDeque<Segment> queue = pending.get(s.partition);
            while (queue != null && !queue.isEmpty() && queue.peekFirst().done) {
                long next = queue.pollFirst().nextOffset;
                committable.put(s.partition, next);
                changed.put(s.partition, next);
            }
        }
    }

    boolean hasPending(Collection<TopicPartition> partitions) {
        return partitions.stream().anyMatch(p -> !pending.getOrDefault(p, new ArrayDeque<>()).isEmpty());
    }

    /** Offsets that advanced since the last call (for an asynchronous commit). */
    Map<TopicPartition, OffsetAndMetadata> takeChanged() {
        Map<TopicPartition, OffsetAndMetadata> out = toOffsets(changed);
        changed.clear();
        return out;
    }

    /** The committable offset of every partition that has one (for the synchronous commit before a hand-over). */
    Map<TopicPartition, OffsetAndMetadata> all() {
        changed.clear();
        return toOffsets(committable);
    }

    private static Map<TopicPartition, OffsetAndMetadata> toOffsets(Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        offsets.forEach((p, offset) -> out.put(p, new OffsetAndMetadata(offset)));
        return out;
    }

    void forget(Collection<TopicPartition> partitions) {
        Set.copyOf(partitions).forEach(p -> {
            pending.remove(p);
            committable.remove(p);
            changed.remove(p);
        });
    }
}
