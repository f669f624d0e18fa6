package io.logagent.agent.tail;

import io.logagent.core.status.CollectorStatus;

import io.logagent.agent.multiline.Line;
import io.logagent.agent.multiline.MultilineAggregator;
import io.logagent.agent.registry.FileState;
import io.logagent.agent.ship.EventSource;
import io.logagent.agent.ship.LogEvent;
import io.logagent.core.collect.CollectEntry.StartPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads one file from its open handle: lines → (multiline) → filter → rate limit → sink. Driven by its
 * collector's thread through {@link #poll}; holds no thread of its own, so an idle file costs one file descriptor
 * and a few objects. The handle stays open across renames, so a rotated file is read to its end before closing.
 *
 * <p>File states in the status: RUNNING, DRAINING (renamed away or deleted: read to its end, closed once idle for
 * {@code rotatedCloseAfter}, since a writer may still append through its old handle), ERROR, CLOSED.
 *
 * <p>Status fields are volatile: written by the collector thread, read by {@code status()} from anywhere.
 */
final class Harvester {

    private static final Logger log = LoggerFactory.getLogger(Harvester.class);
    /** Reads per poll, so one busy file cannot starve the collector's other files. */
    private static final int MAX_READS_PER_POLL = 8;
    private static final long FIRST_BACKOFF_MS = 1000;

    private final CollectorContext ctx;
    private final FileKey key;
    private final FileChannel channel;
    private final LineSplitter splitter;
    private final MultilineAggregator multiline;
    /** Lines of one read, handed on after splitting; at most one read buffer's worth. */
    private final List<Line> lines = new ArrayList<>();

    private volatile Path path;
    private volatile String fileId;
    private int fingerprintLength;
    private String fingerprint;
    private volatile AckTracker tracker;
    /** The file's id and path as the sink wants them (encoded once); renewed when either changes. */
    private EventSource source;
    private Path sourcePath;
    private volatile long readPos;
    private long lastDataAt;
    private volatile boolean unlinked;
    private long retryAt;
    private long backoffMs;
    private long ackedAtFailure = -1;
    private long sampledLines;
    private long sampledAt;

    private volatile String state = "RUNNING";
    private volatile String lastError;
    private volatile long size;
    private volatile long linesSent;
    private volatile long linesTruncated;
    private volatile long truncations;
    private volatile double linesPerSec;

    private Harvester(CollectorContext ctx, Path path, FileKey key, FileChannel channel, long startOffset) {
        this.ctx = ctx;
        this.path = path;
        this.key = key;
        this.channel = channel;
        this.readPos = startOffset;
        this.splitter = new LineSplitter(ctx.settings().maxLineBytes(), startOffset);
        this.multiline = ctx.entry().multiline() == null ? null
                : new MultilineAggregator(ctx.entry().multiline(), ctx.settings().maxLineBytes());
        this.lastDataAt = ctx.clock().millis();
        this.sampledAt = lastDataAt;
    }

    /**
     * Opens a file a scan found. A file known to the registry (same dev:inode and fingerprint) resumes at its
     * acknowledged offset; any other starts at 0, except at the agent's very first start, where files already
     * there when the collector first looks start at their end unless the entry says {@code from: beginning}.
     */
    static Harvester open(CollectorContext ctx, Path path, Path realPath, FileKey key, boolean initialScan)
            throws IOException {
        FileChannel ch = FileChannel.open(realPath, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        try {
            long size = ch.size();
            for (Map.Entry<String, FileState> known : ctx.registry().findByInode(key.devInode()).entrySet()) {
                FileState s = known.getValue();
                String fp = s.fingerprintLength() > 0 && size >= s.fingerprintLength()
                        ? FileKey.fingerprint(ch, s.fingerprintLength()) : null;
                if (fp != null && known.getKey().equals(key.fileId(fp))) {
                    long offset = s.offset() <= size ? s.offset() : 0;
                    Harvester h = new Harvester(ctx, path, key, ch, offset);
                    h.adopt(known.getKey(), fp, s.fingerprintLength());
                    log.info("resuming {} ({}) at offset {} of {}", path, known.getKey(), offset, size);
                    return h;
                }
                ctx.registry().remove(known.getKey()); // the inode now belongs to a different file
            }
            boolean atEnd = initialScan && ctx.registry().firstStart() && ctx.entry().from() == StartPosition.END;
            Harvester h = new Harvester(ctx, path, key, ch, atEnd ? size : 0);
            h.identify(size);
            log.info("reading {} from {} (size {})", path, atEnd ? "its end" : "the beginning", size);
            return h;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    FileKey key() {
        return key;
    }

    boolean closed() {
        return "CLOSED".equals(state);
    }

    /** The scan saw this file (maybe under a new name, after a rename within the glob). */
    void seenAt(Path current) {
        if (!current.equals(path)) {
            path = current; // a new object only on a rename, so that emit() can tell by identity
        }
        unlinked = false;
        if (fileId != null) {
            ctx.registry().touch(fileId);
        }
    }

    /** The scan no longer finds this file: renamed away or deleted. It is read to its end, then closed. */
    void markUnlinked() {
        unlinked = true;
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
        if (tracker != null && tracker.failure() != null && !"ERROR".equals(state)) {
            enterError(now, "delivery failed: " + tracker.failure().getMessage());
        }
        if ("ERROR".equals(state)) {
            if (now < retryAt) {
                return false;
            }
            resumeFromAcked();
        }
        if (backoffMs > 0 && tracker != null && tracker.ackedOffset() > ackedAtFailure) {
            backoffMs = 0; // delivering again: the next failure starts with a short backoff
        }
        long currentSize = channel.size();
        size = currentSize;
        if (currentSize < readPos || currentSize > readPos && contentReplaced()) {
            truncated(currentSize);
        }
        identify(currentSize);
        if (fileId == null) { // still empty: nothing to read
            whenIdle(now);
            return false;
        }
        boolean progressed = false;
        boolean moreWaiting = false;
        ByteBuffer buf = ctx.readBuffer();
        for (int i = 0; i < MAX_READS_PER_POLL && (tracker == null || tracker.failure() == null); i++) {
            buf.clear();
            int n = channel.read(buf, readPos);
            // A read of a regular file returns less than asked only at its end.
            moreWaiting = n == buf.capacity();
            if (n <= 0) {
                break;
            }
            if (readPos > 0 && contentReplaced()) {
                // copytruncate raced this read: truncated and written past readPos since the size check above, so
                // these bytes may be the middle of the new content. Dropped; the next poll reads it from 0. (Checked
                // after the read: a fingerprint still unchanged now was unchanged when the bytes were read.)
                truncated(channel.size());
                progressed = true;
                moreWaiting = true;
                break;
            }
            buf.flip();
            splitter.feed(buf, readPos, lines::add);
            readPos += n;
            ctx.metrics().bytesRead.increment(n);
            progressed = true;
            lastDataAt = now;
            for (Line line : lines) {
                accept(line, now);
            }
            lines.clear();
        }
        if (!progressed) {
            whenIdle(now);
        }
        return moreWaiting;
    }

    private void whenIdle(long now) throws IOException, InterruptedException {
        long idleFor = now - lastDataAt;
        boolean finished = unlinked && readPos >= size && idleFor >= ctx.settings().rotatedCloseAfter().toMillis();
        if (splitter.hasPartial() && (finished || idleFor >= ctx.settings().idleFlush().toMillis())) {
            accept(splitter.flushPartial(), now);
        }
        if (multiline != null) {
            Line pending = finished ? multiline.flush() : multiline.flushIfIdle(now);
            if (pending != null) {
                emit(pending, now);
            }
        }
        if (finished) {
            log.info("closing {} ({}): renamed away or deleted, read to its end at {}", path, fileId, readPos);
            close();
        }
    }

    private void accept(Line line, long now) throws InterruptedException {
        ctx.metrics().linesRead.increment();
        if (line.truncated()) {
            linesTruncated++;
            ctx.metrics().linesCut.increment();
        }
        if (multiline == null) {
            emit(line, now);
        } else {
            Line done = multiline.add(line, now);
            if (done != null) {
                emit(done, now);
            }
        }
    }

    private void emit(Line line, long now) throws InterruptedException {
        AckTracker.Slot slot = tracker.track(line.nextOffset());
        Path current = path;
        if (source == null || sourcePath != current) {
            source = new EventSource(ctx.entry(), fileId, current.toString());
            sourcePath = current;
        }
        LogEvent event = new LogEvent(source, line.offset(), line.nextOffset(), line.value(), now,
                line.originalLength());
        if (!ctx.filter().keeps(line.value())) {
            ctx.metrics().linesFiltered.increment();
            slot.acknowledged(event); // nothing to deliver: its offset is done
            return;
        }
        if (ctx.limiter() != null) {
            for (long wait = ctx.limiter().tryAcquire(); wait > 0; wait = ctx.limiter().tryAcquire()) {
                Thread.sleep(wait);
            }
        }
        ctx.sink().send(event, slot);
        linesSent++;
    }

    /** Gives the file its id once it has bytes, and puts its start offset into the registry. */
    private void identify(long currentSize) throws IOException {
        if (fileId != null || currentSize == 0) {
            return;
        }
        int length = (int) Math.min(currentSize, FileKey.FINGERPRINT_BYTES);
        String fp = FileKey.fingerprint(channel, length);
        if (fp != null) {
            adopt(key.fileId(fp), fp, length);
            ctx.registry().update(fileId, path.toString(), readPos, length);
        }
    }

    private void adopt(String id, String fp, int length) {
        fileId = id;
        source = null;
        fingerprint = fp;
        fingerprintLength = length;
        tracker = new AckTracker(readPos, offset -> ctx.registry().update(id, path.toString(), offset, length));
    }

    /** copytruncate that the file already outgrew: the first bytes are no longer those the id was made from. */
    private boolean contentReplaced() throws IOException {
        return fingerprint != null && !fingerprint.equals(FileKey.fingerprint(channel, fingerprintLength));
    }

    private void truncated(long currentSize) {
        truncations++;
        ctx.metrics().truncations.increment();
        log.warn("{} was truncated (size {} < read offset {}, or its first bytes changed); reading it again from 0",
                path, currentSize, readPos);
        if (tracker != null) {
            tracker.close(); // late acknowledgements of the old content must not move the new content's offset
            ctx.registry().remove(fileId);
        }
        fileId = null;
        source = null;
        fingerprint = null;
        tracker = null;
        readPos = 0;
        splitter.reset(0);
        if (multiline != null) {
            multiline.reset();
        }
    }

    private void enterError(long now, String message) {
        backoffMs = backoffMs == 0 ? FIRST_BACKOFF_MS : Math.min(backoffMs * 2, ctx.settings().maxRetryBackoff().toMillis());
        retryAt = now + backoffMs;
        ackedAtFailure = tracker == null ? -1 : tracker.ackedOffset();
        state = "ERROR";
        lastError = message;
        ctx.metrics().errors.increment();
        log.error("{}: {}; reading again from the last acknowledged offset in {} ms", path, message, backoffMs);
    }

    /** After a failure: everything after the last acknowledged offset is read and sent again, nothing skipped. */
    private void resumeFromAcked() {
        long from = tracker == null ? readPos : tracker.ackedOffset();
        if (tracker != null) {
            tracker.rewind(from);
        }
        readPos = from;
        splitter.reset(from);
        if (multiline != null) {
            multiline.reset();
        }
        state = "RUNNING";
        log.info("{}: reading again from offset {}", path, from);
    }

    /** Updates the lines-per-second average; called about once a second. */
    void sample(long now) {
        long sent = linesSent;
        if (now > sampledAt) {
            double current = (sent - sampledLines) * 1000.0 / (now - sampledAt);
            linesPerSec = linesPerSec == 0 ? current : 0.5 * linesPerSec + 0.5 * current;
        }
        sampledLines = sent;
        sampledAt = now;
    }

    void close() {
        state = "CLOSED";
        try {
            channel.close();
        } catch (IOException e) {
            log.warn("closing {} failed", path, e); // the descriptor is released by the JDK regardless
        }
    }

    CollectorStatus.FileStatus status() {
        AckTracker t = tracker;
        long offset = t == null ? readPos : t.ackedOffset();
        String shown = unlinked && "RUNNING".equals(state) ? "DRAINING" : state; // renamed away or deleted
        return new CollectorStatus.FileStatus(path.toString(), fileId, shown, offset, currentSize(), linesPerSec,
                linesSent, linesTruncated, truncations, lastError);
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
