package io.logagent.console.search;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeRangeTest {

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void relativeIsoAndEpochForms() {
        assertThat(TimeRange.parse(null, null, clock)).isEqualTo(new TimeRange(NOW.minus(Duration.ofMinutes(15)), NOW));
        assertThat(TimeRange.parse("now-7d", "now-1h", clock))
                .isEqualTo(new TimeRange(NOW.minus(Duration.ofDays(7)), NOW.minus(Duration.ofHours(1))));
        assertThat(TimeRange.parse("2026-11-30T10:00:00+01:00", "1796040000000", clock).from())
                .isEqualTo(Instant.parse("2026-11-30T09:00:00Z"));
        assertThat(TimeRange.parse("now-30s", "", clock).to()).isEqualTo(NOW);
    }

    @Test
    void spansTypedByHand() {
        assertThat(TimeRange.instant("now-3h", clock)).isEqualTo(NOW.minus(Duration.ofHours(3)));
        assertThat(TimeRange.instant("now - 3 hours", clock)).isEqualTo(NOW.minus(Duration.ofHours(3)));
        assertThat(TimeRange.instant("last 2 days", clock)).isEqualTo(NOW.minus(Duration.ofDays(2)));
        assertThat(TimeRange.instant("Last Hour", clock)).isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(TimeRange.instant("2h", clock)).isEqualTo(NOW.minus(Duration.ofHours(2)));
        assertThat(TimeRange.instant("90 minutes ago", clock)).isEqualTo(NOW.minus(Duration.ofMinutes(90)));
        assertThat(TimeRange.instant("1 week", clock)).isEqualTo(NOW.minus(Duration.ofDays(7)));
        assertThat(TimeRange.instant("NOW", clock)).isEqualTo(NOW);
        for (String bad : new String[] {"last", "2 fortnights", "now+1h", "h", "last 2 days ago"}) {
            assertThatThrownBy(() -> TimeRange.instant(bad, clock)).as(bad).hasMessageContaining("last 2 days")
                    .hasMessageContaining(bad);
        }
    }

    @Test
    void rejectsGarbageAndReversedRanges() {
        assertThatThrownBy(() -> TimeRange.parse("yesterday", null, clock)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> TimeRange.parse("now", "now-1h", clock)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void histogramIntervalsGiveAboutSixtyBuckets() {
        assertThat(SearchService.interval(Duration.ofMinutes(15))).isEqualTo(30_000);
        assertThat(SearchService.interval(Duration.ofHours(1))).isEqualTo(60_000);
        assertThat(SearchService.interval(Duration.ofDays(7))).isEqualTo(10_800_000);
    }
}
