package io.logagent.console.monitor.series;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * Per-second rate of a counter that only grows, from two readings. A counter that went down (a restarted component,
 * a deleted index) gives no rate for that step instead of a negative or invented one; the next step is measured from
 * the new value.
 */
final class CounterRate {

    private Instant lastTime;
    private double lastValue;

    /** Empty at the first reading, after a reset, and when no time passed. */
    OptionalDouble next(Instant time, double value) {
        Instant previousTime = lastTime;
        double previous = lastValue;
        lastTime = time;
        lastValue = value;
        if (previousTime == null || value < previous) {
            return OptionalDouble.empty();
        }
        long millis = Duration.between(previousTime, time).toMillis();
        return millis <= 0 ? OptionalDouble.empty() : OptionalDouble.of((value - previous) * 1000.0 / millis);
    }
}
