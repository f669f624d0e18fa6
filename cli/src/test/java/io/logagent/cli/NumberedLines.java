package io.logagent.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Writes numbered lines round-robin into {@code files} files at a fixed rate on its own thread, renaming each file
 * away (to {@code name.log.N}) every {@code rotateEvery} lines and starting it afresh, the way logrotate's
 * rename rotation does. Every line written is remembered, for the exactly-once check.
 */
final class NumberedLines implements AutoCloseable {
    private final Path dir;
    private final String prefix;
    private final int files;
    private final int perSecond;
    private final int rotateEvery;
    private final List<String> written = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile boolean stop;

    NumberedLines(Path dir, String prefix, int files, int perSecond, int rotateEvery) {
        this.dir = dir;
        this.prefix = prefix;
        this.files = files;
        this.perSecond = perSecond;
        this.rotateEvery = rotateEvery;
        this.thread = new Thread(this::run, "numbered-lines-" + prefix);
    }

    /** The glob the collect entry uses: the live files and their rotated names. */
    String glob() {
        return dir.resolve(prefix + "-*.log*").toString();
    }

    void start() {
        thread.start();
    }

    private void run() {
        int[] inFile = new int[files];
        int[] rotations = new int[files];
        long begin = System.nanoTime();
        try {
            Files.createDirectories(dir);
            for (int n = 1; !stop; n++) {
                int f = n % files;
                Path live = dir.resolve(prefix + "-" + f + ".log");
                String line = prefix + " line " + String.format("%07d", n) + " of file " + f;
                Files.writeString(live, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                written.add(line);
                if (++inFile[f] == rotateEvery) {
                    Files.move(live, dir.resolve(prefix + "-" + f + ".log." + (++rotations[f])));
                    inFile[f] = 0;
                }
                long due = begin + n * 1_000_000_000L / perSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops writing and returns every line written. */
    List<String> stopAndGet() throws InterruptedException {
        stop = true;
        thread.join();
        synchronized (written) {
            return List.copyOf(written);
        }
    }

    int count() {
        return written.size();
    }

    @Override
    public void close() throws InterruptedException {
        stopAndGet();
    }
}
