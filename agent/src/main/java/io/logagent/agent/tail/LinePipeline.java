package io.logagent.agent.tail;

import io.logagent.agent.multiline.Line;
import io.logagent.agent.multiline.MultilineAggregator;
import io.logagent.agent.ship.EventSource;
import io.logagent.agent.ship.LogEvent;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a harvester does with the bytes it read: lines → (multiline) → filter → rate limit → sink, each event
 * tracked by its generation's {@link AckTracker}. Collector thread only; the counts are volatile for the status.
 */
final class LinePipeline {

    private final CollectorContext ctx;
    private final LineSplitter splitter;
    private final MultilineAggregator multiline;
    /** Lines of one read, handed on after splitting; at most one read buffer's worth. */
    private final List<Line> lines = new ArrayList<>();
    /** The file's id and path as the sink wants them (encoded once); renewed when either changes. */
    private EventSource source;
    private Path sourcePath;
    private Generation sourceGeneration;

    private volatile long linesSent;
    private volatile long linesTruncated;
    private volatile double linesPerSec;
    private long sampledLines;
    private long sampledAt;

    LinePipeline(CollectorContext ctx, long startOffset) {
        this.ctx = ctx;
        this.splitter = new LineSplitter(ctx.settings().maxLineBytes(), startOffset);
        this.multiline = ctx.entry().multiline() == null ? null
                : new MultilineAggregator(ctx.entry().multiline(), ctx.settings().maxLineBytes());
        this.sampledAt = ctx.clock().millis();
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

    double linesPerSec() {
        return linesPerSec;
    }

    long linesSent() {
        return linesSent;
    }

    long linesTruncated() {
        return linesTruncated;
    }

    /** Splits the bytes read at {@code offset} and sends the complete lines. Blocks while the sink makes it wait. */
    void feed(ByteBuffer buf, long offset, Generation g, Path path, long now) throws InterruptedException {
        splitter.feed(buf, offset, lines::add);
        for (Line line : lines) {
            accept(line, g, path, now);
        }
        lines.clear();
    }

    /**
     * The file did not grow: a last line without newline goes after {@code idle_flush_ms}, or at once when the file
     * is {@code finished}; so does a multiline event waiting for its continuation.
     */
    void idle(long idleFor, boolean finished, Generation g, Path path, long now) throws InterruptedException {
        if (splitter.hasPartial() && (finished || idleFor >= ctx.settings().idleFlush().toMillis())) {
            accept(splitter.flushPartial(), g, path, now);
        }
        if (multiline != null) {
            Line pending = finished ? multiline.flush() : multiline.flushIfIdle(now);
            if (pending != null) {
                emit(pending, g, path, now);
            }
        }
    }

    /** The generation ends: a multiline event it completed goes out with it (a part line does not: its rest is lost). */
    void endOfGeneration(Generation g, Path path, long now) throws InterruptedException {
        Line pending = multiline == null ? null : multiline.flush();
        if (pending != null) {
            emit(pending, g, path, now);
        }
    }

    /** Forgets what was split but not sent; splitting goes on at {@code offset}. */
    void reset(long offset) {
        splitter.reset(offset);
        if (multiline != null) {
            multiline.reset();
        }
    }

    private void accept(Line line, Generation g, Path path, long now) throws InterruptedException {
        ctx.metrics().linesRead.increment();
        if (line.truncated()) {
            linesTruncated++;
            ctx.metrics().linesCut.increment();
        }
        if (multiline == null) {
            emit(line, g, path, now);
        } else {
            Line done = multiline.add(line, now);
            if (done != null) {
                emit(done, g, path, now);
            }
        }
    }

    private void emit(Line line, Generation g, Path path, long now) throws InterruptedException {
        AckTracker.Slot slot = g.tracker().track(line.nextOffset());
        if (source == null || sourcePath != path || sourceGeneration != g) {
            source = new EventSource(ctx.entry(), g.fileId(), path.toString());
            sourcePath = path;
            sourceGeneration = g;
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
}
