package io.logagent.agent.tail;

import io.logagent.agent.registry.ContentCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Where reading one file stands within its {@link Generation}s: the generation being read and the read offset in
 * it, the checkpoints taken after each read, the generation that ended while its events are still in flight, and
 * the copy rescue (the rest of an ended generation read from its copytruncate copy, under the original's id,
 * before the next generation starts). Its {@link Harvester} decides <em>whether</em> to read (file state, errors,
 * copy detection); this decides <em>where</em> the bytes come from and what a truncation does to the position.
 *
 * <p>Threading: the collector thread only. The generation and the read offset are volatile because the harvester's
 * status is read from any thread.
 */
final class GenerationCursor {

    private static final Logger log = LoggerFactory.getLogger(GenerationCursor.class);
    /** Reads per poll, so one busy file cannot starve the collector's other files. */
    private static final int MAX_READS_PER_POLL = 8;

    /** What one {@link #read} did, for the harvester's idle handling and the collector's "poll again at once". */
    enum ReadOutcome {
        /** No byte read (at the file's end, or delivery failed): the file is idle. */
        NOTHING_NEW,
        /** Bytes read, up to the end of the file. */
        READ_TO_END,
        /** Bytes read and more are waiting (a full buffer, or the reads of this poll ran out), or the source changed. */
        MORE_WAITING
    }

    /** Reading the rest of an ended generation from its copy; then {@code next} goes on at {@code nextOffset}. */
    private record Rescue(CopyFinder.Copy copy, Generation next, long nextOffset) {
    }

    private final CollectorContext ctx;
    private final FileKey key;
    /** The harvester's open handle of the file; the harvester owns it. */
    private final FileChannel channel;
    private final LinePipeline pipeline;
    /** Where the file is now: it may be renamed while read. */
    private final Supplier<Path> path;

    private volatile Generation generation;
    /** The last generation that ended, while its events are in flight: its registry entry stays till then. */
    private Generation retiring;
    private Rescue rescue;
    private volatile long readPos;
    private long lastDataAt;
    private volatile long truncations;

    GenerationCursor(CollectorContext ctx, FileKey key, FileChannel channel, LinePipeline pipeline,
                     Supplier<Path> path, long startOffset) {
        this.ctx = ctx;
        this.key = key;
        this.channel = channel;
        this.pipeline = pipeline;
        this.path = path;
        this.readPos = startOffset;
        this.lastDataAt = ctx.clock().millis();
    }

    /** The generation being read, or null (not identified yet, or a copy). */
    Generation generation() {
        return generation;
    }

    long readPos() {
        return readPos;
    }

    /** When bytes were last read and sent (the collector clock), for closing a file renamed away once idle. */
    long lastDataAt() {
        return lastDataAt;
    }

    long truncations() {
        return truncations;
    }

    /** Reading an ended generation's rest from its copy: the file's own size says nothing until that is done. */
    boolean rescuing() {
        return rescue != null;
    }

    /** Starts with a generation the registry knows. */
    void resume(Generation g) {
        generation = g;
    }

    /** Starts by reading the rest of an ended generation from its copy, then goes on with {@code next}. */
    void rescueFirst(Generation ended, long from, CopyFinder.Copy copy, Generation next, long nextOffset) {
        generation = ended;
        readPos = from;
        pipeline.reset(from);
        rescue = new Rescue(copy, next, nextOffset);
        log.info("{}: reading the unacknowledged rest of {} from {} (offset {} to {}), its copytruncate copy",
                path.get(), ended.fileId(), copy.path(), from, copy.size());
    }

    /** A new generation of the file, identified by its first bytes, read from {@code from}; into the registry. */
    void adopt(String fp, int length, long from, ContentCheck persisted) {
        String id = key.fileId(fp);
        if (retiring != null && retiring.fileId().equals(id)) {
            // The new content starts like the old (a header): one registry entry for both, the new one's offsets win.
            retiring.tracker().close();
        }
        readPos = from;
        pipeline.reset(from);
        Generation g = new Generation(ctx.registry(), id, fp, length, from, persisted, () -> path.get().toString());
        ctx.registry().update(id, path.get().toString(), from, length, g.persistedCheckpoint(), null);
        generation = g;
    }

    /** Ends the generation when the file of {@code currentSize} bytes no longer holds it (see {@link #ended}). */
    void checkTruncated(long currentSize, long now) throws IOException, InterruptedException {
        if (generation != null && (currentSize < readPos || currentSize > readPos && contentReplaced())) {
            ended(currentSize, now);
        }
    }

    /** After a failure: everything after the last acknowledged offset is read and sent again, nothing skipped. */
    long rewindToAcked() {
        AckTracker tracker = generation == null ? null : generation.tracker();
        long from = tracker == null ? readPos : tracker.ackedOffset();
        if (tracker != null) {
            tracker.rewind(from);
        }
        readPos = from;
        pipeline.reset(from);
        return from;
    }

    /**
     * Reads what is new from the generation's source (the file, or its copy while rescuing) into the pipeline, up
     * to {@value #MAX_READS_PER_POLL} reads; only with a generation. Blocks while the sink or the rate limit makes
     * it wait.
     */
    ReadOutcome read(long now) throws IOException, InterruptedException {
        FileChannel from = source();
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
                // copytruncate raced this read: truncated and written past readPos since the size check before it,
                // so these bytes may be the middle of the new content. Dropped; the next poll reads it from 0.
                // (Checked after the read: a fingerprint still unchanged now was unchanged when the bytes were read.)
                ended(channel.size(), now);
                return ReadOutcome.MORE_WAITING;
            }
            buf.flip();
            checkpoint(buf, n);
            pipeline.feed(buf, readPos, generation, path.get(), now);
            readPos += n;
            ctx.metrics().bytesRead.increment(n);
            progressed = true;
            lastDataAt = now;
        }
        if (rescue != null && !moreWaiting && generation.tracker().failure() == null) {
            finishRescue(now); // the copy read to its end
            return ReadOutcome.MORE_WAITING;
        }
        return !progressed ? ReadOutcome.NOTHING_NEW : moreWaiting ? ReadOutcome.MORE_WAITING
                : ReadOutcome.READ_TO_END;
    }

    /** Closes the copy being read from, if any; the file's own channel is the harvester's to close. */
    void closeRescue() throws IOException {
        Rescue r = rescue;
        if (r != null) {
            r.copy().channel().close();
        }
    }

    private FileChannel source() {
        return rescue != null ? rescue.copy().channel() : channel;
    }

    /** Remembers what the bytes just read end with, for recognising a copy of them later. */
    private void checkpoint(ByteBuffer buf, int n) throws IOException {
        long end = readPos + n;
        int length = (int) Math.min(end, ctx.settings().fingerprintBytes());
        String digest = n >= length ? FileKey.digest(buf.array(), buf.arrayOffset() + n - length, length)
                : FileKey.digestAt(source(), end, length);
        if (digest != null) {
            generation.checkpoint(new ContentCheck(end, length, digest));
        }
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
    private void ended(long currentSize, long now) throws IOException, InterruptedException {
        truncations++;
        ctx.metrics().truncations.increment();
        Generation g = generation;
        ctx.copies().ended(g, now);
        CopyFinder.Copy copy = CopyFinder.restOf(ctx, path.get(), key, g, readPos);
        if (copy != null) {
            log.warn("{} was truncated (size {}, read offset {}); reading the rest of it from its copy {} ({} bytes),"
                    + " then the file again from 0", path.get(), currentSize, readPos, copy.path(), copy.size());
            rescue = new Rescue(copy, null, 0);
            return;
        }
        log.warn("{} was truncated (size {} < read offset {}, or its first bytes changed); reading it again from 0",
                path.get(), currentSize, readPos);
        endGeneration(null, 0, now);
    }

    private void finishRescue(long now) throws IOException, InterruptedException {
        Rescue r = rescue;
        rescue = null;
        r.copy().channel().close();
        log.info("{}: read the rest of {} from {} up to {}", path.get(), generation.fileId(), r.copy().path(),
                readPos);
        endGeneration(r.next(), r.nextOffset(), now);
    }

    /** The current generation is done; its registry entry goes once its events are acknowledged. */
    private void endGeneration(Generation next, long nextOffset, long now) throws InterruptedException {
        Generation g = generation;
        if (g != null) {
            pipeline.endOfGeneration(g, path.get(), now);
            retiring = g;
            String id = g.fileId();
            g.tracker().retire(() -> ctx.registry().remove(id));
        }
        generation = next;
        readPos = nextOffset;
        pipeline.reset(nextOffset);
    }
}
