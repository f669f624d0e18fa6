package io.logagent.agent.tail;

import io.logagent.agent.registry.ContentCheck;
import io.logagent.agent.registry.EntryRegistry;
import io.logagent.agent.registry.FileState;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Tells, for a file a collector finds for the first time, whether it is a copytruncate copy of a generation this
 * entry reads or has read (the rules are in the README, "copytruncate"):
 * <ul>
 *   <li>{@link Kind#COPY}: same content as a generation that has ended (truncated) up to one of its checkpoints past
 *       the fingerprint: never read (its lines came from the original, its unread rest is read by the original's
 *       harvester, {@link CopyFinder}).
 *   <li>{@link Kind#HELD}: same content as a generation still being read, or only the same first bytes: held unread
 *       until that generation ends (then a copy) or {@code copytruncate_wait_ms} passed (then a new file).
 *   <li>{@link Kind#TAKE_OVER}: same content, checked past the fingerprint, as a generation in the registry whose
 *       file is gone (the agent was down while it was copied, truncated... and removed): read on from its
 *       acknowledged offset.
 * </ul>
 *
 * <p>Collector thread only. Ended generations are kept for {@code copytruncate_wait_ms}, at most {@value #ENDED_KEPT}.
 */
final class CopyDetector {

    private static final int ENDED_KEPT = 64;

    enum Kind { COPY, HELD, TAKE_OVER }

    /**
     * @param originalId the generation's file id; null when held only for its first bytes (it never confirms)
     * @param offset     for a take-over: the generation's acknowledged offset
     */
    record Match(Kind kind, String originalId, String fingerprint, int fingerprintLength, long offset,
                 ContentCheck checkpoint) {

        /** The original as a log line names it. */
        String originalName() {
            return originalId == null ? "a file read before" : originalId;
        }
    }

    private record Ended(Generation generation, long at) {
    }

    private final EntryRegistry registry;
    private final Collection<Harvester> harvesters;
    private final long keepMillis;
    private final ArrayDeque<Ended> ended = new ArrayDeque<>();
    private Set<String> presentInodes = Set.of();

    CopyDetector(EntryRegistry registry, Collection<Harvester> harvesters, long keepMillis) {
        this.registry = registry;
        this.harvesters = harvesters;
        this.keepMillis = keepMillis;
    }

    /** The files of the current scan: a generation whose inode is among them still has its original. */
    void scanned(Collection<FileKey> found) {
        Set<String> inodes = new HashSet<>();
        found.forEach(k -> inodes.add(k.devInode()));
        presentInodes = inodes;
    }

    /** A generation ended: its copies, held or found from now on, are copies. */
    void ended(Generation g, long now) {
        ended.addLast(new Ended(g, now));
        if (ended.size() > ENDED_KEPT) {
            ended.pollFirst();
        }
    }

    boolean hasEnded(String fileId, long now) {
        expire(now);
        return fileId != null && ended.stream().anyMatch(e -> e.generation().fileId().equals(fileId));
    }

    /** What the file behind {@code ch} (key {@code key}, {@code size} bytes, never read before) is; null: a file. */
    Match match(FileKey key, FileChannel ch, long size, long now) throws IOException {
        expire(now);
        for (Ended e : ended) {
            Generation g = e.generation();
            ContentCheck c = g.matchingCheck(ch, size, Long.MAX_VALUE);
            if (c != null) {
                boolean checked = c.offset() > g.fingerprintLength();
                return new Match(checked ? Kind.COPY : Kind.HELD, checked ? g.fileId() : null, g.fingerprint(),
                        g.fingerprintLength(), 0, c);
            }
        }
        for (Harvester h : harvesters) {
            Generation g = h.generation();
            if (g != null && !h.key().equals(key) && g.matchingCheck(ch, size, Long.MAX_VALUE) != null) {
                return new Match(Kind.HELD, g.fileId(), g.fingerprint(), g.fingerprintLength(), 0, null);
            }
        }
        String ownPrefix = key.devInode() + ":";
        for (Map.Entry<String, FileState> e : registry.files().entrySet()) {
            String id = e.getKey();
            FileState s = e.getValue();
            if (s.copyOf() != null || s.fingerprintLength() <= 0 || id.startsWith(ownPrefix)) {
                continue;
            }
            String fp = FileKey.fingerprintOf(id);
            ContentCheck c = s.checkpoint() != null && s.checkpoint().offset() <= size ? s.checkpoint() : null;
            if (!Generation.startsLike(ch, size, fp, s.fingerprintLength(), c)) {
                continue;
            }
            boolean checked = c != null && c.offset() > s.fingerprintLength();
            if (presentInodes.contains(id.substring(0, id.length() - fp.length() - 1))) {
                return new Match(Kind.HELD, id, fp, s.fingerprintLength(), 0, null);
            } else if (checked) {
                return new Match(Kind.TAKE_OVER, id, fp, s.fingerprintLength(), s.offset(), c);
            }
        }
        return null;
    }

    private void expire(long now) {
        while (!ended.isEmpty() && now - ended.peekFirst().at() > keepMillis) {
            ended.pollFirst();
        }
    }
}
