package io.logagent.console.monitor.series;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logagent.console.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sampler and its rings with a fake clock and probes: rates from counters, gaps, the full ring, errors. */
class PipelineSamplerTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));

    @Test
    void aCounterBecomesARatePerSecondAndARestartIsAGap() {
        double[] counter = {100};
        CounterRate rate = new CounterRate();
        Probe perSecond = now -> rate.next(now, counter[0]);
        PipelineSampler sampler = new PipelineSampler(List.of(PipelineSampler.Series.of("docs", "Docs/s", "docs/s",
                perSecond)), clock, Duration.ofSeconds(10), Duration.ofMinutes(1));
        sampler.sampleOnce(); // first reading: no rate yet
        clock.advance(Duration.ofSeconds(10));
        counter[0] = 350;
        sampler.sampleOnce(); // 250 in 10 s
        clock.advance(Duration.ofSeconds(10));
        counter[0] = 20; // the component restarted
        sampler.sampleOnce();
        clock.advance(Duration.ofSeconds(10));
        counter[0] = 70;
        sampler.sampleOnce();
        assertThat(values(sampler, 0)).containsExactly(null, 25.0, null, 5.0);
        assertThat(times(sampler, 0)).containsExactly(Instant.parse("2026-12-02T10:00:00Z").toEpochMilli(),
                Instant.parse("2026-12-02T10:00:10Z").toEpochMilli(), Instant.parse("2026-12-02T10:00:20Z").toEpochMilli(),
                Instant.parse("2026-12-02T10:00:30Z").toEpochMilli());
    }

    @Test
    void aFullRingDropsTheOldestAndCountsIt() {
        double[] next = {0};
        PipelineSampler sampler = new PipelineSampler(List.of(PipelineSampler.Series.of("lag", "Lag", "records",
                now -> OptionalDouble.of(next[0]++))), clock, Duration.ofSeconds(10), Duration.ofSeconds(30));
        for (int i = 0; i < 5; i++) {
            sampler.sampleOnce();
            clock.advance(Duration.ofSeconds(10));
        }
        Map<String, Object> one = series(sampler, 0);
        assertThat(one.get("capacity")).isEqualTo(3); // 30 s window / 10 s interval
        assertThat(one.get("overwritten")).isEqualTo(2L);
        assertThat(values(sampler, 0)).containsExactly(2.0, 3.0, 4.0); // the newest three, oldest first
    }

    @Test
    void aFailingProbeLeavesAGapAndItsMessageWhileTheOthersGoOn() {
        AtomicReference<RuntimeException> failure = new AtomicReference<>(new IllegalStateException("index unreachable"));
        Probe flaky = now -> {
            if (failure.get() != null) {
                throw failure.get();
            }
            return OptionalDouble.of(7);
        };
        PipelineSampler sampler = new PipelineSampler(List.of(
                PipelineSampler.Series.of("docs", "Docs/s", "docs/s", flaky),
                PipelineSampler.Series.of("lines", "Lines/s", "lines/s", now -> OptionalDouble.of(3)),
                PipelineSampler.Series.off("bulk", "Bulk latency", "ms", "[pipeline] transfer_metrics is empty")),
                clock, Duration.ofSeconds(10), Duration.ofHours(1));
        sampler.sampleOnce();
        assertThat(series(sampler, 0).get("error")).isEqualTo("index unreachable");
        assertThat(values(sampler, 0)).containsExactly((Double) null);
        assertThat(values(sampler, 1)).containsExactly(3.0);
        assertThat(series(sampler, 2).get("disabled")).isEqualTo("[pipeline] transfer_metrics is empty");
        assertThat(values(sampler, 2)).isEmpty();

        failure.set(null);
        clock.advance(Duration.ofSeconds(10));
        sampler.sampleOnce();
        assertThat(series(sampler, 0)).doesNotContainKey("error");
        assertThat(values(sampler, 0)).containsExactly(null, 7.0);
    }

    @Test
    void samplesOnItsOwnNamedThreadUntilStopped() throws Exception {
        List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
        PipelineSampler sampler = new PipelineSampler(List.of(PipelineSampler.Series.of("t", "T", "x", now -> {
            threads.add(Thread.currentThread().getName());
            return OptionalDouble.of(1);
        })), clock, Duration.ofMillis(20), Duration.ofSeconds(1));
        sampler.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> threads.size() >= 3);
        sampler.stop();
        assertThat(sampler.awaitStop(Duration.ofSeconds(5))).isTrue();
        int after = threads.size();
        Thread.sleep(100);
        assertThat(threads).hasSize(after).containsOnly("console-pipeline-sampler");
        assertThatThrownBy(sampler::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theSnapshotIsJsonWithNullGaps() throws Exception {
        PipelineSampler sampler = new PipelineSampler(List.of(PipelineSampler.Series.of("g", "G", "x",
                now -> OptionalDouble.empty())), clock, Duration.ofSeconds(10), Duration.ofHours(1));
        sampler.sampleOnce();
        String json = new ObjectMapper().writeValueAsString(sampler.snapshot());
        assertThat(json).contains("\"interval_seconds\":10", "\"window_seconds\":3600",
                "\"points\":[[" + clock.instant().toEpochMilli() + ",null]]");
    }

    @Test
    void prometheusTextSumsOneFamilyOverItsLabels() {
        String text = """
                # HELP logagent_transfer_bulk_latency_seconds
                # TYPE logagent_transfer_bulk_latency_seconds summary
                logagent_transfer_bulk_latency_seconds_count 4
                logagent_transfer_bulk_latency_seconds_sum{worker="1"} 0.25
                logagent_transfer_bulk_latency_seconds_sum{worker="2"} 0.5 1733130000000
                logagent_transfer_bulk_latency_seconds_sum_other 99
                logagent_transfer_bulk_latency_seconds_max 0.3
                """;
        assertThat(PrometheusText.total(text, "logagent_transfer_bulk_latency_seconds_count")).isEqualTo(4.0);
        assertThat(PrometheusText.total(text, "logagent_transfer_bulk_latency_seconds_sum")).isEqualTo(0.75);
        assertThat(PrometheusText.total(text, "missing_total")).isZero();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> series(PipelineSampler sampler, int i) {
        return ((List<Map<String, Object>>) sampler.snapshot().get("series")).get(i);
    }

    @SuppressWarnings("unchecked")
    static List<Double> values(PipelineSampler sampler, int i) {
        return ((List<List<Object>>) series(sampler, i).get("points")).stream().map(p -> (Double) p.get(1)).toList();
    }

    @SuppressWarnings("unchecked")
    static List<Long> times(PipelineSampler sampler, int i) {
        return ((List<List<Object>>) series(sampler, i).get("points")).stream().map(p -> (Long) p.get(0)).toList();
    }
}
