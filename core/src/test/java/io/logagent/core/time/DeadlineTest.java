package io.logagent.core.time;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlineTest {

    @Test
    void remainingShrinksWithTheClockAndNeverGoesBelowZero() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        Deadline d = Deadline.after(Duration.ofSeconds(30), Clock.fixed(start, ZoneOffset.UTC));
        assertThat(d.remaining()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.expired()).isFalse();

        Deadline later = new Deadline(d.at(), Clock.fixed(start.plusSeconds(20), ZoneOffset.UTC));
        assertThat(later.remaining()).isEqualTo(Duration.ofSeconds(10));
        Deadline past = new Deadline(d.at(), Clock.fixed(start.plusSeconds(45), ZoneOffset.UTC));
        assertThat(past.remaining()).isZero();
        assertThat(past.expired()).isTrue();
    }

    @Test
    void aStepsOwnLimitHoldsOnlyWhileItFitsInWhatIsLeft() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        Clock clock = Clock.fixed(start, ZoneOffset.UTC);
        Deadline d = Deadline.after(Duration.ofSeconds(30), clock);
        assertThat(d.capped(Duration.ofSeconds(10)).remaining()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.capped(Duration.ofSeconds(50)).remaining()).as("never beyond the shared deadline")
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(d.leaving(0.25).remaining()).isEqualTo(Duration.ofMillis(22_500));
        Deadline past = new Deadline(d.at(), Clock.fixed(start.plusSeconds(45), ZoneOffset.UTC));
        assertThat(past.capped(Duration.ofSeconds(10)).remaining()).isZero();
        assertThat(past.leaving(0.25).remaining()).isZero();
    }
}
