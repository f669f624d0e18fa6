package io.logagent.console.monitor.series;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Pipeline page's time series, sampled by the console itself every {@code interval} on thread
 * {@code console-pipeline-sampler}, each into a {@link SeriesRing} holding {@code window / interval} points (the last
 * hour by default; the oldest point makes room for the newest). A probe that fails leaves a gap and its message,
 * shown beside the chart, while the other series go on. A series whose source is switched off (no Kafka, no
 * transfer metrics configured) is listed with the reason and never sampled.
 *
 * <p>Lifecycle: {@link #start()} samples at once and then every interval; {@link #stop()} ends the thread
 * (interrupting a probe in progress); {@link #awaitStop(Duration)} waits for it.
 */
public final class PipelineSampler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PipelineSampler.class);

    /** One chart: {@code probe} empty = switched off, {@code disabled} says why. */
    public record Series(String name, String label, String unit, Optional<Probe> probe, String disabled) {
        public static Series of(String name, String label, String unit, Probe probe) {
            return new Series(name, label, unit, Optional.of(probe), null);
        }

        public static Series off(String name, String label, String unit, String why) {
            return new Series(name, label, unit, Optional.empty(), why);
        }
    }

    private final List<Series> series;
    private final Map<String, SeriesRing> rings = new LinkedHashMap<>();
    private final Map<String, String> errors = new java.util.concurrent.ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration interval;
    private final Duration window;
    private ScheduledExecutorService thread;

    public PipelineSampler(List<Series> series, Clock clock, Duration interval, Duration window) {
        if (interval.isZero() || interval.isNegative() || window.compareTo(interval) < 0) {
            throw new IllegalArgumentException("interval " + interval + " must be positive and within window " + window);
        }
        this.series = List.copyOf(series);
        this.clock = clock;
        this.interval = interval;
        this.window = window;
        int capacity = (int) (window.toMillis() / interval.toMillis());
        this.series.forEach(s -> rings.put(s.name(), new SeriesRing(capacity)));
    }

    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        thread = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "console-pipeline-sampler"));
        thread.scheduleWithFixedDelay(this::sampleOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One sample of every series switched on, stamped with the clock's time now. Called by the thread (and tests). */
    public void sampleOnce() {
        Instant now = clock.instant();
        for (Series s : series) {
            if (s.probe().isEmpty()) {
                continue;
            }
            double value = Double.NaN;
            try {
                OptionalDouble v = s.probe().get().sample(now);
                value = v.isPresent() ? v.getAsDouble() : Double.NaN;
                errors.remove(s.name());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                String why = e.getMessage() != null ? e.getMessage() : e.toString();
                if (!why.equals(errors.put(s.name(), why))) {
                    log.warn("pipeline series {} not sampled: {}", s.name(), why);
                }
            }
            rings.get(s.name()).add(now, value);
        }
    }

    /** {@code {interval_seconds, window_seconds, series: [{name, label, unit, capacity, overwritten, error|disabled, points: [[ms, value|null]]}]}} */
    public Map<String, Object> snapshot() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Series s : series) {
            SeriesRing ring = rings.get(s.name());
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", s.name());
            one.put("label", s.label());
            one.put("unit", s.unit());
            one.put("capacity", ring.capacity());
            one.put("overwritten", ring.overwritten());
            if (s.disabled() != null) {
                one.put("disabled", s.disabled());
            }
            Optional.ofNullable(errors.get(s.name())).ifPresent(e -> one.put("error", e));
            one.put("points", ring.points().stream().map(p -> java.util.Arrays.asList(p.time().toEpochMilli(), p.value()))
                    .toList());
            out.add(one);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("interval_seconds", interval.toSeconds());
        body.put("window_seconds", window.toSeconds());
        body.put("series", out);
        return body;
    }

    public synchronized void stop() {
        if (thread != null) {
            thread.shutdownNow();
        }
    }

    public synchronized boolean awaitStop(Duration timeout) throws InterruptedException {
        return thread == null || thread.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** {@link #stop()} and wait up to 5 s: the console closes it with its other resources. */
    @Override
    public void close() throws InterruptedException {
        stop();
        if (!awaitStop(Duration.ofSeconds(5))) {
            log.warn("console-pipeline-sampler still running 5 s after stop");
        }
    }
}
