package io.logagent.agent.tail;

import io.logagent.agent.tail.GenerationCursor.ReadOutcome;
import io.logagent.core.status.CollectorStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Reads one file from its open handle, one {@link Generation} (content from byte 0 until a truncation) after the
 * other, into its {@link LinePipeline}. Driven by its collector's thread through {@link #poll}; holds no thread of
 * its own, so an idle file costs one file descriptor and a few objects. The handle stays open across renames, so a
 * rotated file is read to its end before closing. {@link HarvesterOpening} decides where reading starts; the
 * {@link GenerationCursor} holds where reading stands (generation, offset, checkpoints, the copy rescue), while this
 * class holds the file's state: identifying it (or holding it as a possible copy), errors and their backoff, closing
 * it once read to its end, and its status.
 *
 * <p>copytruncate: when the file is truncated, the rest of the generation that was not read yet is read from its
 * copy ({@link CopyFinder}) before the new generation starts at 0. A file found to be such a copy is held
 * ({@link HarvestState#HELD}) and then never read ({@link HarvestState#COPY}); see {@link CopyDetector}.
 *
 * <p>Status fields are volatile: written by the collector thread, read by {@code status()} from anywhere.
 */
final class Harvester {

    private static final Logger log = LoggerFactory.getLogger(Harvester.class);

    private final CollectorContext ctx;
    private final FileKey key;
    private final FileChannel channel;
    private final LinePipeline pipeline;
    private final GenerationCursor cursor;

    private volatile Path path;
    /** False once the file was identified: only a file never read before can be a copy. */
    private boolean mayBeCopy;
    /** While held: the generation this may be a copy of (its id null: only the first bytes matched), since when. */
    private CopyDetector.Match held;
    private long heldSince;
    /** The registry id of a file that is a copy. */
    private volatile String copyId;
    private volatile boolean unlinked;
    private final RetryBackoff backoff;

    private volatile HarvestState state = HarvestState.RUNNING;
    private volatile String lastError;
    private volatile long size;

    Harvester(CollectorContext ctx, Path path, FileKey key, FileChannel channel, long startOffset, boolean mayBeCopy) {
        this.ctx = ctx;
        this.path = path;
        this.key = key;
        this.channel = channel;
        this.mayBeCopy = mayBeCopy;
        this.pipeline = new LinePipeline(ctx, startOffset);
        this.cursor = new GenerationCursor(ctx, key, channel, pipeline, this::path, startOffset);
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
        return cursor.generation();
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
        Generation g = cursor.generation();
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
        cursor.resume(g);
        mayBeCopy = false;
    }

    /** Starts by reading the rest of an ended generation from its copy, then goes on with {@code next}. */
    void rescueFirst(Generation ended, long from, CopyFinder.Copy copy, Generation next, long nextOffset) {
        cursor.rescueFirst(ended, from, copy, next, nextOffset);
        mayBeCopy = false;
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
        Generation generation = cursor.generation();
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
        if (!cursor.rescuing()) {
            long currentSize = channel.size();
            size = currentSize;
            cursor.checkTruncated(currentSize, now);
            if (!cursor.rescuing() && cursor.generation() == null) {
                identify(currentSize, now);
                if (cursor.generation() == null) { // still empty, or held as a copy: nothing to read
                    whenIdle(now);
                    return false;
                }
            }
        }
        ReadOutcome read = cursor.read(now);
        if (read == ReadOutcome.NOTHING_NEW) {
            whenIdle(now);
        }
        return read == ReadOutcome.MORE_WAITING;
    }

    /** A held file becomes a copy when its original's generation ends, or a file of its own after the wait. */
    private boolean pollCopy(long now) throws IOException {
        if (state == HarvestState.HELD) {
            if (ctx.copies().hasEnded(held.originalId(), now)) {
                becomeCopy(held.originalId(), held.fingerprint(), held.fingerprintLength());
            } else if (now - heldSince >= ctx.settings().copytruncateWait().toMillis()) {
                log.info("{} starts like {} but that was not truncated within {}: reading it as a file of its own",
                        path, held.originalName(), ctx.settings().copytruncateWait());
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
        long idleFor = now - cursor.lastDataAt();
        long readPos = cursor.readPos();
        boolean finished = unlinked && readPos >= size && idleFor >= ctx.settings().rotatedCloseAfter().toMillis();
        Generation generation = cursor.generation();
        if (generation != null) {
            pipeline.idle(idleFor, finished, generation, path, now);
        }
        if (finished) {
            log.info("closing {} ({}): renamed away or deleted, read to its end at {}", path,
                    generation == null ? null : generation.fileId(), readPos);
            close();
        }
    }

    /** Gives the file its generation once it has bytes, and puts its start offset into the registry. */
    private void identify(long currentSize, long now) throws IOException {
        if (currentSize == 0) {
            return;
        }
        if (mayBeCopy && cursor.readPos() == 0) {
            CopyDetector.Match m = ctx.copies().match(key, channel, currentSize, now);
            if (m != null && m.kind() == CopyDetector.Kind.COPY) {
                becomeCopy(m.originalId(), m.fingerprint(), m.fingerprintLength());
                return;
            } else if (m != null && m.kind() == CopyDetector.Kind.HELD) {
                state = HarvestState.HELD;
                held = m;
                heldSince = now;
                log.info("{} starts like {}: held unread for up to {} as its possible copytruncate copy", path,
                        m.originalName(), ctx.settings().copytruncateWait());
                return;
            } else if (m != null) {
                long from = Math.min(m.offset(), currentSize);
                mayBeCopy = false;
                cursor.adopt(m.fingerprint(), m.fingerprintLength(), from, m.checkpoint());
                ctx.registry().remove(m.originalId());
                log.info("{} holds the content of {}, which is gone: reading on from its offset {}", path,
                        m.originalId(), from);
                return;
            }
        }
        int length = (int) Math.min(currentSize, ctx.settings().fingerprintBytes());
        String fp = FileKey.fingerprint(channel, length);
        if (fp != null) {
            mayBeCopy = false;
            cursor.adopt(fp, length, cursor.readPos(), null);
        }
    }

    private void enterError(long now, String message) {
        Generation generation = cursor.generation();
        long backoffMs = backoff.failed(now, generation == null ? -1 : generation.tracker().ackedOffset());
        state = HarvestState.ERROR;
        lastError = message;
        ctx.metrics().errors.increment();
        log.error("{}: {}; reading again from the last acknowledged offset in {} ms", path, message, backoffMs);
    }

    /** After a failure: everything after the last acknowledged offset is read and sent again, nothing skipped. */
    private void resumeFromAcked() {
        long from = cursor.rewindToAcked();
        state = HarvestState.RUNNING;
        log.info("{}: reading again from offset {}", path, from);
    }

    /** Updates the lines-per-second average; called about once a second. */
    void sample(long now) {
        pipeline.sample(now);
    }

    void close() {
        state = HarvestState.CLOSED;
        try {
            cursor.closeRescue();
            channel.close();
        } catch (IOException e) {
            log.warn("closing {} failed", path, e); // the descriptor is released by the JDK regardless
        }
    }

    CollectorStatus.FileStatus status() {
        Generation g = cursor.generation();
        long offset = g == null ? cursor.readPos() : g.tracker().ackedOffset();
        return new CollectorStatus.FileStatus(path.toString(), g != null ? g.fileId() : copyId,
                state.shown(unlinked).name(), offset, currentSize(), pipeline.linesPerSec(), pipeline.linesSent(),
                pipeline.linesTruncated(), cursor.truncations(), lastError);
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
