package io.logagent.console.auth;

import io.logagent.console.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LoginRateLimiterTest {

    MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));
    LoginRateLimiter limiter = new LoginRateLimiter(clock, 3, Duration.ofMinutes(5));

    @Test
    void blocksAfterMaxFailuresUntilTheOldestLeavesTheWindow() {
        limiter.failed("k");
        clock.advance(Duration.ofMinutes(1));
        limiter.failed("k");
        assertThat(limiter.retryAfter("k")).isZero();
        limiter.failed("k");
        assertThat(limiter.retryAfter("k")).isEqualTo(Duration.ofMinutes(4));
        assertThat(limiter.retryAfter("other")).isZero();
        clock.advance(Duration.ofMinutes(4));
        assertThat(limiter.retryAfter("k")).isZero(); // first failure left the window, two remain
        limiter.failed("k");
        assertThat(limiter.retryAfter("k")).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void successClearsTheKey() {
        for (int i = 0; i < 3; i++) {
            limiter.failed("k");
        }
        limiter.succeeded("k");
        assertThat(limiter.retryAfter("k")).isZero();
    }
}
