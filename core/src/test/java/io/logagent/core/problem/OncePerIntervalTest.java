package io.logagent.core.problem;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OncePerIntervalTest {

    private final SteppedClock clock = new SteppedClock();
    private final OncePerInterval limiter = OncePerInterval.perMinute(clock);

    @Test
    void letsADistinctKeyThroughOncePerMinuteAndCountsTheRest() {
        assertThat(limiter.admit("wrong password")).hasValue(0);
        for (int i = 0; i < 119; i++) {
            clock.advance(Duration.ofMillis(500));
            assertThat(limiter.admit("wrong password")).isEmpty();
        }
        clock.advance(Duration.ofMillis(500));
        assertThat(limiter.admit("wrong password")).as("a minute after the first line").hasValue(119);
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.admit("wrong password")).isEmpty();
    }

    @Test
    void distinctKeysDoNotHoldEachOtherBack() {
        assertThat(limiter.admit("a")).hasValue(0);
        assertThat(limiter.admit("b")).hasValue(0);
        assertThat(limiter.admit("a")).isEmpty();
        assertThat(limiter.admit("b")).isEmpty();
    }

    @Test
    void aKeySilentForLongIsNewAgain() {
        limiter.admit("a");
        limiter.admit("a");
        clock.advance(Duration.ofMinutes(5));
        limiter.admit("b"); // lets the limiter forget "a"
        OptionalLong again = limiter.admit("a");
        assertThat(again).hasValue(0);
    }

    @Test
    void refusesAnEmptyInterval() {
        assertThatThrownBy(() -> new OncePerInterval(clock, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
