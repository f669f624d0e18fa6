package io.logagent.bench.product;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends lines at a fixed rate, round-robin across files, like applications logging. Every 10 ms it writes the
 * lines due by then (so a slow tick catches up instead of lowering the rate) and flushes each file, so the
 * tailer sees the data when an application's log would have it.
 */
public final class RateWriter implements AutoCloseable {
    /** Makes line {@code seq} (with its newline); called on the writer thread. */
    @FunctionalInterface
    public interface LineFactory {
        byte[] line(long seq);
    }

    private static final long TICK_MS = 10;

    private final List<OutputStream> outs = new ArrayList<>();
    private final double linesPerSecond;
    private final LineFactory factory;
    private final AtomicLong written = new AtomicLong();
    private final Thread thread;
    private volatile Duration duration;
    private volatile Exception failure;

    public RateWriter(List<Path> files, double linesPerSecond, LineFactory factory) throws IOException {
        for (Path f : files) {
            Files.createDirectories(f.getParent());
            outs.add(new BufferedOutputStream(Files.newOutputStream(f, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND), 1 << 16));
        }
        this.linesPerSecond = linesPerSecond;
        this.factory = factory;
        this.thread = Thread.ofPlatform().name("bench-rate-writer").unstarted(this::loop);
    }

    /** Writes for {@code duration}, on its own thread. */
    public void start(Duration duration) {
        this.duration = duration;
        thread.start();
    }

    /** Waits for the writer to finish; fails if writing failed. */
    public long awaitDone() throws Exception {
        thread.join();
        if (failure != null) {
            throw failure;
        }
        return written.get();
    }

    public boolean isRunning() {
        return thread.isAlive();
    }

    public long written() {
        return written.get();
    }

    private void loop() {
        long begin = System.nanoTime();
        long end = begin + duration.toNanos();
        int next = 0;
        try {
            for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                long due = (long) ((now - begin) / 1e9 * linesPerSecond);
                for (long seq = written.get(); seq < due; seq++) {
                    outs.get(next).write(factory.line(seq));
                    next = (next + 1) % outs.size();
                    written.incrementAndGet();
                }
                for (OutputStream out : outs) {
                    out.flush();
                }
                Thread.sleep(TICK_MS);
            }
        } catch (IOException e) {
            failure = new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        thread.interrupt();
        for (OutputStream out : outs) {
            out.close();
        }
    }
}
