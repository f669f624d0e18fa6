package io.logagent.agent.tail;

import io.logagent.agent.registry.ContentCheck;
import io.logagent.agent.registry.EntryRegistry;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Supplier;

/**
 * One content of a file, from its first byte until it is truncated: its id ({@code dev:inode:fingerprint}), the
 * tracker of its acknowledged offset, and checkpoints of what was read, by which a copy of it is recognised.
 *
 * <p>Checkpoints: after each read the digest of the bytes just before the new read offset; the last
 * {@value #KEPT} are kept, in memory. The registry gets the latest one at or before the acknowledged offset, so a
 * copy found after a restart can be recognised too. The fingerprint is the first checkpoint.
 *
 * <p>Threading: built and read by the collector thread; the checkpoints are also read by the tracker's callback on
 * the shipper's thread, hence synchronized.
 */
final class Generation {

    /** About ten seconds of a busy file's reads (one per poll): copies are found within a scan interval. */
    private static final int KEPT = 64;

    private final String fileId;
    private final String fingerprint;
    private final int fingerprintLength;
    private final AckTracker tracker;
    private final ArrayDeque<ContentCheck> recent = new ArrayDeque<>();
    private ContentCheck persisted;

    /**
     * @param persisted the checkpoint the registry has for this generation, or null: the fingerprint is used
     * @param path      where the file is now (it may be renamed), for the registry
     */
    Generation(EntryRegistry registry, String fileId, String fingerprint, int fingerprintLength, long startOffset,
               ContentCheck persisted, Supplier<String> path) {
        this.fileId = fileId;
        this.fingerprint = fingerprint;
        this.fingerprintLength = fingerprintLength;
        ContentCheck head = new ContentCheck(fingerprintLength, fingerprintLength, fingerprint);
        this.persisted = persisted != null && persisted.offset() <= startOffset ? persisted : head;
        recent.add(head);
        checkpoint(this.persisted);
        this.tracker = new AckTracker(startOffset, offset -> registry.update(fileId, path.get(), offset,
                fingerprintLength, checkpointForAcked(offset), null));
    }

    String fileId() {
        return fileId;
    }

    String fingerprint() {
        return fingerprint;
    }

    int fingerprintLength() {
        return fingerprintLength;
    }

    AckTracker tracker() {
        return tracker;
    }

    /** The checkpoint for the registry's first entry of this generation. */
    synchronized ContentCheck persistedCheckpoint() {
        return persisted;
    }

    /** Records what the file holds just before {@code offset}, read a moment ago. */
    synchronized void checkpoint(ContentCheck check) {
        if (check.offset() > recent.peekLast().offset()) {
            recent.addLast(check);
            if (recent.size() > KEPT) {
                recent.pollFirst();
            }
        }
    }

    /** The latest checkpoint at or before {@code offset}; the oldest kept if none is (then it does not match). */
    synchronized ContentCheck checkpointAtOrBefore(long offset) {
        ContentCheck found = null;
        for (Iterator<ContentCheck> it = recent.descendingIterator(); it.hasNext() && found == null; ) {
            ContentCheck c = it.next();
            if (c.offset() <= offset) {
                found = c;
            }
        }
        return found != null ? found : recent.peekFirst();
    }

    private synchronized ContentCheck checkpointForAcked(long acked) {
        ContentCheck c = checkpointAtOrBefore(acked);
        if (c.offset() <= acked && c.offset() > persisted.offset()) {
            persisted = c;
        }
        return persisted;
    }

    /**
     * Whether the file behind {@code ch} (of {@code size} bytes) holds this generation's content: same first
     * bytes, and the same bytes at the latest checkpoint it is long enough for (at most {@code upTo}). Returns that
     * checkpoint, or null when the file differs. Only the fingerprint matched when it is at offset
     * {@link #fingerprintLength()}: a file with the same header would match too.
     */
    ContentCheck matchingCheck(FileChannel ch, long size, long upTo) throws IOException {
        ContentCheck check = checkpointAtOrBefore(Math.min(size, upTo));
        return startsLike(ch, size, fingerprint, fingerprintLength, check) ? check : null;
    }

    /** Same first bytes as {@code fingerprint} and, when {@code check} is given, the same bytes there. */
    static boolean startsLike(FileChannel ch, long size, String fingerprint, int length, ContentCheck check)
            throws IOException {
        if (size < length || !fingerprint.equals(FileKey.fingerprint(ch, length))) {
            return false;
        }
        return check == null || check.offset() <= size
                && check.digest().equals(FileKey.digestAt(ch, check.offset(), check.length()));
    }
}
