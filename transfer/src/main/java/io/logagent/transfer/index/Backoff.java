package io.logagent.transfer.index;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with "equal jitter": attempt n waits between half and all of
 * {@code min(max, initial * 2^n)}, so retries of several workers against a recovering cluster spread out.
 * One instance per retry sequence (it counts attempts); not thread-safe.
 */
public final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private int attempt;

    public Backoff(Duration initial, Duration max) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
    }

    public Duration next() {
        long ceiling = initialMillis << Math.min(attempt, 30);
        ceiling = ceiling <= 0 || ceiling > maxMillis ? maxMillis : ceiling;
        attempt++;
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }

    public void reset() {
        attempt = 0;
    }
}
