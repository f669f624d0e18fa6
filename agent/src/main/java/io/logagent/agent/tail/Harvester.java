package io.logagent.agent.tail;

import io.logagent.core.status.CollectorStatus;

import io.logagent.agent.registry.ContentCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Reads one file from its open handle, one {@link Generation} (content from byte 0 until a truncation) after the
 * other, into its {@link LinePipeline}. Driven by its collector's thread through {@link #poll}; holds no thread of
 * its own, so an idle file costs one file descriptor and a few objects. The handle stays open across renames, so a
 * rotated file is read to its end before closing. {@link HarvesterOpening} decides where reading starts.
 *
 * <p>copytruncate: when the file is truncated, the rest of the generation that was not read yet is read from its
 * copy ({@link CopyFinder}) before the new generation starts at 0. A file found to be such a copy is held
 * ({@link HarvestState#HELD}) and then never read ({@link HarvestState#COPY}); see {@link CopyDetector}.
 *
 * <p>Status fields are volatile: written by the collector thread, read by {@code status()} from anywhere.
 */
final class Harvester {

    private static final Logger log = LoggerFactory.getLogger(Harvester.class);
    /** Reads per poll, so one busy file cannot starve the collector's other files. */
    private static final int MAX_READS_PER_POLL = 8;

    /** Reading the rest of an ended generation from its copy; then {@code next} goes on at {@code nextOffset}. */
    private record Rescue(CopyFinder.Copy copy, Generation next, long nextOffset) {
    }

    private final CollectorContext ctx;
    private final FileKey key;
    private final FileChannel channel;
    private final LinePipeline pipeline;

    private volatile Path path;
    private volatile Generation generation;
    /** The last generation that ended, while its events are still in flight: its registry entry stays till then. */
    private Generation retiring;
    private Rescue rescue;
    /** False once the file was identified: only a file never read before can be a copy. */
    private boolean mayBeCopy;
    /** While held: the generation this may be a copy of (its id null: only the first bytes matched), since when. */
    private CopyDetector.Match held;
    private long heldSince;
    /** The registry id of a file that is a copy. */
    private volatile String copyId;
    private volatile long readPos;
    private long lastDataAt;
    private volatile boolean unlinked;
    private final RetryBackoff backoff;

    private volatile HarvestState state = HarvestState.RUNNING;
    private volatile String lastError;
    private volatile long size;
    private volatile long truncations;

    Harvester(CollectorContext ctx, Path path, FileKey key, FileChannel channel, long startOffset, boolean mayBeCopy) {
        this.ctx = ctx;
        this.path = path;
        this.key = key;
        this.channel = channel;
        this.readPos = startOffset;
        this.mayBeCopy = mayBeCopy;
        this.pipeline = new LinePipeline(ctx, startOffset);
        this.lastDataAt = ctx.clock().millis();
        this.backoff = new RetryBackoff(ctx.settings().maxRetryBackoff().toMillis());
    }

    FileKey key() {
        return key;
    }

    Path path() {
        return path;
    }

    /** The generation being read, or null (not identified yet, or a copy). */
    Generation generation() {
        return generation;
    }

    boolean closed() {
        return state == HarvestState.CLOSED;
    }

    /** The scan saw this file (maybe under a new name, after a rename within the glob). */
    void seenAt(Path current) {
        if (!current.equals(path)) {
            path = current; // a new object only on a rename, so that the pipeline can tell by identity
        }
        unlinked = false;
        Generation g = generation;
        if (g != null || copyId != null) {
            ctx.registry().touch(g != null ? g.fileId() : copyId);
        }
    }

    /** The scan no longer finds this file: renamed away or deleted. It is read to its end, then closed. */
    void markUnlinked() {
        unlinked = true;
    }

    /** Starts with a generation the registry knows. */
    void resume(Generation g) {
        generation = g;
        mayBeCopy = false;
    }

    /** Starts by reading the rest of an ended generation from its copy, then goes on with {@code next}. */
    void rescueFirst(Generation ended, long from, CopyFinder.Copy copy, Generation next, long nextOffset) {
        generation = ended;
        readPos = from;
        pipeline.reset(from);
        rescue = new Rescue(copy, next, nextOffset);
        mayBeCopy = false;
        log.info("{}: reading the unacknowledged rest of {} from {} (offset {} to {}), its copytruncate copy", path,
                ended.fileId(), copy.path(), from, copy.size());
    }

    /** A copytruncate copy: never read, kept in the registry as one so that a restart does not read it either. */
    void becomeCopy(String originalId, String fingerprint, int fingerprintLength) throws IOException {
        state = HarvestState.COPY;
        held = null;
        mayBeCopy = false;
        copyId = key.fileId(fingerprint);
        ctx.registry().update(copyId, path.toString(), channel.size(), fingerprintLength, null, originalId);
        log.info("{} is a copytruncate copy of {}: not read (its lines come from the original)", path, originalId);
    }

    /** Known as a copy from the registry. */
    void resumeAsCopy(String fileId) {
        state = HarvestState.COPY;
        copyId = fileId;
        mayBeCopy = false;
    }

    /**
     * Reads what is new and sends it. Returns whether more bytes are waiting right now (a read filled the whole
     * buffer, or this poll's reads ran out), so that the collector polls again at once; false once the file's end
     * was reached. Blocks while the sink or the rate limit makes it wait.
     *
     * @throws InterruptedException when the collector is stopping
     */
    boolean poll(long now) throws InterruptedException {
        try {
            return pollOrFail(now);
        } catch (ClosedByInterruptException e) {
            throw new InterruptedException("stopping");
        } catch (IOException e) {
            enterError(now, "reading " + path + " failed: " + e);
            return false;
        }
    }

    private boolean pollOrFail(long now) throws IOException, InterruptedException {
        if (state == HarvestState.HELD || state == HarvestState.COPY) {
            return pollCopy(now);
        }
        AckTracker tracker = generation == null ? null : generation.tracker();
        if (tracker != null && tracker.failure() != null && state != HarvestState.ERROR) {
            enterError(now, "delivery failed: " + tracker.failure().getMessage());
        }
        if (state == HarvestState.ERROR) {
            if (!backoff.due(now)) {
                return false;
            }
            resumeFromAcked();
        }
        if (tracker != null) {
            backoff.progressed(tracker.ackedOffset());
        }
        if (rescue == null) {
            long currentSize = channel.size();
            size = currentSize;
            if (generation != null && (currentSize < readPos || currentSize > readPos && contentReplaced())) {
                generationEnded(currentSize, now);
            }
            if (rescue == null && generation == null) {
                identify(currentSize, now);
                if (generation == null) { // still empty, or held as a copy: nothing to read
                    whenIdle(now);
                    return false;
                }
            }
        }
        FileChannel from = rescue != null ? rescue.copy().channel() : channel;
        boolean progressed = false;
        boolean moreWaiting = false;
        ByteBuffer buf = ctx.readBuffer();
        for (int i = 0; i < MAX_READS_PER_POLL && generation.tracker().failure() == null; i++) {
            buf.clear();
            int n = from.read(buf, readPos);
            // A read of a regular file returns less than asked only at its end.
            moreWaiting = n == buf.capacity();
            if (n <= 0) {
                break;
            }
            if (rescue == null && readPos > 0 && contentReplaced()) {
                // copytruncate raced this read: truncated and written past readPos since the size check above, so
                // these bytes may be the middle of the new content. Dropped; the next poll reads it from 0. (Checked
                // after the read: a fingerprint still unchanged now was unchanged when the bytes were read.)
                generationEnded(channel.size(), now);
                progressed = true;
                moreWaiting = true;
                break;
            }
            buf.flip();
            checkpoint(buf, n);
            pipeline.feed(buf, readPos, generation, path, now);
            readPos += n;
            ctx.metrics().bytesRead.increment(n);
            progressed = true;
            lastDataAt = now;
        }
        if (rescue != null && !moreWaiting && generation.tracker().failure() == null) {
            finishRescue(now); // the copy read to its end
            return true;
        }
        if (!progressed) {
            whenIdle(now);
        }
        return moreWaiting;
    }

    /** A held file becomes a copy when its original's generation ends, or a file of its own after the wait. */
    private boolean pollCopy(long now) throws IOException {
        if (state == HarvestState.HELD) {
            if (ctx.copies().hasEnded(held.originalId(), now)) {
                becomeCopy(held.originalId(), held.fingerprint(), held.fingerprintLength());
            } else if (now - heldSince >= ctx.settings().copytruncateWait().toMillis()) {
                log.info("{} starts like {} but that was not truncated within {}: reading it as a file of its own",
                        path, originalName(held), ctx.settings().copytruncateWait());
                state = HarvestState.RUNNING;
                held = null;
                mayBeCopy = false;
                return true;
            }
        }
        if (unlinked) {
            if (copyId != null) {
                ctx.registry().remove(copyId); // the copy is gone: nothing left to recognise
            }
            close(); // nothing to read: no need to wait for a writer
        }
        return false;
    }

    private void whenIdle(long now) throws IOException, InterruptedException {
        long idleFor = now - lastDataAt;
        boolean finished = unlinked && readPos >= size && idleFor >= ctx.settings().rotatedCloseAfter().toMillis();
        if (generation != null) {
            pipeline.idle(idleFor, finished, generation, path, now);
        }
        if (finished) {
            log.info("closing {} ({}): renamed away or deleted, read to its end at {}", path,
                    generation == null ? null : generation.fileId(), readPos);
            close();
        }
    }

    /** Remembers what the bytes just read end with, for recognising a copy of them later. */
    private void checkpoint(ByteBuffer buf, int n) throws IOException {
        long end = readPos + n;
        int length = (int) Math.min(end, ctx.settings().fingerprintBytes());
        String digest = n >= length ? FileKey.digest(buf.array(), buf.arrayOffset() + n - length, length)
                : FileKey.digestAt(rescue != null ? rescue.copy().channel() : channel, end, length);
        if (digest != null) {
            generation.checkpoint(new ContentCheck(end, length, digest));
        }
    }

    private static String originalName(CopyDetector.Match m) {
        return m.originalId() == null ? "a file read before" : m.originalId();
    }

    /** Gives the file its generation once it has bytes, and puts its start offset into the registry. */
    private void identify(long currentSize, long now) throws IOException {
        if (currentSize == 0) {
            return;
        }
        if (mayBeCopy && readPos == 0) {
            CopyDetector.Match m = ctx.copies().match(key, channel, currentSize, now);
            if (m != null && m.kind() == CopyDetector.Kind.COPY) {
                becomeCopy(m.originalId(), m.fingerprint(), m.fingerprintLength());
                return;
            } else if (m != null && m.kind() == CopyDetector.Kind.HELD) {
                state = HarvestState.HELD;
                held = m;
                heldSince = now;
                log.info("{} starts like {}: held unread for up to {} as its possible copytruncate copy", path,
                        originalName(m), ctx.settings().copytruncateWait());
                return;
            } else if (m != null) {
                long from = Math.min(m.offset(), currentSize);
                adopt(m.fingerprint(), m.fingerprintLength(), from, m.checkpoint());
                ctx.registry().remove(m.originalId());
                log.info("{} holds the content of {}, which is gone: reading on from its offset {}", path,
                        m.originalId(), from);
                return;
            }
        }
        int length = (int) Math.min(currentSize, ctx.settings().fingerprintBytes());
        String fp = FileKey.fingerprint(channel, length);
        if (fp != null) {
            adopt(fp, length, readPos, null);
        }
    }

    private void adopt(String fp, int length, long from, ContentCheck persisted) {
        String id = key.fileId(fp);
        if (retiring != null && retiring.fileId().equals(id)) {
            // The new content starts like the old (a header): one registry entry for both, the new one's offsets win.
            retiring.tracker().close();
        }
        mayBeCopy = false;
        readPos = from;
        pipeline.reset(from);
        Generation g = new Generation(ctx.registry(), id, fp, length, from, persisted, () -> path.toString());
        ctx.registry().update(id, path.toString(), from, length, g.persistedCheckpoint(), null);
        generation = g;
    }

    /** copytruncate that the file already outgrew: the first bytes are no longer those the id was made from. */
    private boolean contentReplaced() throws IOException {
        Generation g = generation;
        return g != null && !g.fingerprint().equals(FileKey.fingerprint(channel, g.fingerprintLength()));
    }

    /**
     * Truncated, or its first bytes changed: the generation ends. What it had not read yet is read from its copy
     * when there is one next to it; then the new generation is read from 0.
     */
    private void generationEnded(long currentSize, long now) throws IOException, InterruptedException {
        truncations++;
        ctx.metrics().truncations.increment();
        Generation g = generation;
        ctx.copies().ended(g, now);
        CopyFinder.Copy copy = CopyFinder.restOf(ctx, path, key, g, readPos);
        if (copy != null) {
            log.warn("{} was truncated (size {}, read offset {}); reading the rest of it from its copy {} ({} bytes),"
                    + " then the file again from 0", path, currentSize, readPos, copy.path(), copy.size());
            rescue = new Rescue(copy, null, 0);
            return;
        }
        log.warn("{} was truncated (size {} < read offset {}, or its first bytes changed); reading it again from 0",
                path, currentSize, readPos);
        endGeneration(null, 0, now);
    }

    private void finishRescue(long now) throws IOException, InterruptedException {
        Rescue r = rescue;
        rescue = null;
        r.copy().channel().close();
        log.info("{}: read the rest of {} from {} up to {}", path, generation.fileId(), r.copy().path(), readPos);
        endGeneration(r.next(), r.nextOffset(), now);
    }

    /** The current generation is done; its registry entry goes once its events are acknowledged. */
    private void endGeneration(Generation next, long nextOffset, long now) throws InterruptedException {
        Generation g = generation;
        if (g != null) {
            pipeline.endOfGeneration(g, path, now);
            retiring = g;
            String id = g.fileId();
            g.tracker().retire(() -> ctx.registry().remove(id));
        }
        generation = next;
        readPos = nextOffset;
        pipeline.reset(nextOffset);
    }

    private void enterError(long now, String message) {
        long backoffMs = backoff.failed(now, generation == null ? -1 : generation.tracker().ackedOffset());
        state = HarvestState.ERROR;
        lastError = message;
        ctx.metrics().errors.increment();
        log.error("{}: {}; reading again from the last acknowledged offset in {} ms", path, message, backoffMs);
    }

    /** After a failure: everything after the last acknowledged offset is read and sent again, nothing skipped. */
    private void resumeFromAcked() {
        AckTracker tracker = generation == null ? null : generation.tracker();
        long from = tracker == null ? readPos : tracker.ackedOffset();
        if (tracker != null) {
            tracker.rewind(from);
        }
        readPos = from;
        pipeline.reset(from);
        state = HarvestState.RUNNING;
        log.info("{}: reading again from offset {}", path, from);
    }

    /** Updates the lines-per-second average; called about once a second. */
    void sample(long now) {
        pipeline.sample(now);
    }

    void close() {
        state = HarvestState.CLOSED;
        Rescue r = rescue;
        try {
            if (r != null) {
                r.copy().channel().close();
            }
            channel.close();
        } catch (IOException e) {
            log.warn("closing {} failed", path, e); // the descriptor is released by the JDK regardless
        }
    }

    CollectorStatus.FileStatus status() {
        Generation g = generation;
        long offset = g == null ? readPos : g.tracker().ackedOffset();
        return new CollectorStatus.FileStatus(path.toString(), g != null ? g.fileId() : copyId,
                state.shown(unlinked).name(), offset, currentSize(), pipeline.linesPerSec(), pipeline.linesSent(),
                pipeline.linesTruncated(), truncations, lastError);
    }

    /**
     * The size now, not at the last poll: a harvester paused by the sink's back-pressure (Kafka away) does not poll,
     * and its bytes_behind must still grow as the file does. One fstat on the status caller's thread.
     */
    private long currentSize() {
        try {
            return channel.size();
        } catch (IOException e) {
            return size; // closed meanwhile: the last size read
        }
    }
}
