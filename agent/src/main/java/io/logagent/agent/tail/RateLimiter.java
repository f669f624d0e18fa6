package io.logagent.agent.tail;

import java.time.Clock;

/**
 * Token bucket for an entry's {@code rate_limit} (events per second, bursts up to one second's worth). The
 * harvester waits for a token instead of dropping: the file is the buffer. Used by one collector thread.
 */
final class RateLimiter {

    private final double perMilli;
    private final double capacity;
    private final Clock clock;
    private double tokens;
    private long lastRefill;

    RateLimiter(int perSecond, Clock clock) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + perSecond);
        }
        this.perMilli = perSecond / 1000.0;
        this.capacity = perSecond;
        this.clock = clock;
        this.tokens = perSecond;
        this.lastRefill = clock.millis();
    }

    /** Takes a token and returns 0, or returns how many milliseconds to wait before asking again. */
    long tryAcquire() {
        long now = clock.millis();
        if (now > lastRefill) {
            tokens = Math.min(capacity, tokens + (now - lastRefill) * perMilli);
            lastRefill = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / perMilli));
    }
}
