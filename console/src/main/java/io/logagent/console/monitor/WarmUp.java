package io.logagent.console.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Builds the Hosts tab's answers once, right after start, and throws them away: the first operator to open the tab
 * then does not pay for loading the classes, compiling the code and building the JSON serializers of 1,000 host rows
 * (measured under load: more than half of that first answer's time). Waits for the status watch's first snapshot (at
 * most {@code wait}) so that the work it warms is the one requests will do.
 *
 * <p>Lifecycle: {@link #start()} runs it once on thread {@code console-warm-up}; {@link #close()} interrupts it if it
 * is still running and waits for it.
 */
public final class WarmUp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "console-warm-up"));
    private final StatusCache cache;
    private final Duration wait;
    private final ObjectMapper mapper;
    private final List<Callable<Object>> answers;

    public WarmUp(StatusCache cache, Duration wait, ObjectMapper mapper, List<Callable<Object>> answers) {
        this.cache = cache;
        this.wait = wait;
        this.mapper = mapper;
        this.answers = List.copyOf(answers);
    }

    public void start() {
        thread.execute(this::run);
        thread.shutdown(); // one task, then the thread ends
    }

    private void run() {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (cache.current().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            long t0 = System.nanoTime();
            for (Callable<Object> answer : answers) {
                mapper.writeValueAsBytes(answer.call());
            }
            log.debug("hosts tab answers warmed up in {} ms", (System.nanoTime() - t0) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("warm-up skipped: {}", e.toString()); // the first request meets and reports the same problem
        }
    }

    @Override
    public void close() throws InterruptedException {
        thread.shutdownNow();
        if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
            log.warn("console-warm-up still running 5 s after stop");
        }
    }
}
