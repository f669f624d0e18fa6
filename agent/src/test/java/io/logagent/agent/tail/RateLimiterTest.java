package io.logagent.agent.tail;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    /** A clock that only moves when told. */
    private static final class ManualClock extends Clock {
        long millis = 1_000_000;

        @Override public long millis() { return millis; }
        @Override public Instant instant() { return Instant.ofEpochMilli(millis); }
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
    }

    @Test
    void allowsOneSecondOfBurstThenPacesAtTheRate() {
        ManualClock clock = new ManualClock();
        RateLimiter limiter = new RateLimiter(10, clock);
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryAcquire()).isZero();
        }
        assertThat(limiter.tryAcquire()).isEqualTo(100);
        clock.millis += 100;
        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isPositive();
        clock.millis += 60_000; // a long pause does not earn more than one second of burst
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryAcquire()).isZero();
        }
        assertThat(limiter.tryAcquire()).isPositive();
    }
}
