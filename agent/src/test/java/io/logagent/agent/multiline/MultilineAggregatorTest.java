package io.logagent.agent.multiline;

import io.logagent.core.collect.CollectEntry.Multiline;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MultilineAggregatorTest {

    private long offset;

    private Line line(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Line l = new Line(offset, offset + bytes.length + 1, bytes, -1);
        offset = l.nextOffset();
        return l;
    }

    private static String text(Line l) {
        return new String(l.value(), StandardCharsets.UTF_8);
    }

    @Test
    void javaStackTraceIsOneEventAndTheNextLogLineStartsAnother() {
        var agg = new MultilineAggregator(Multiline.java());
        List<String> trace = List.of(
                "2024-01-01 12:00:00 ERROR request failed",
                "java.lang.IllegalStateException: boom",
                "\tat com.example.Service.call(Service.java:42)",
                "\tat com.example.Controller.handle(Controller.java:17)",
                "Caused by: java.io.IOException: disk",
                "\tat com.example.Disk.write(Disk.java:9)",
                "\t... 12 more");
        List<Line> out = new ArrayList<>();
        for (String t : trace) {
            Line done = agg.add(line(t), 0);
            if (done != null) {
                out.add(done);
            }
        }
        Line done = agg.add(line("2024-01-01 12:00:01 INFO next"), 0);
        // The exception line belongs to the log line that reported it: one event from the log line to "... more".
        assertThat(out).isEmpty();
        assertThat(text(done)).isEqualTo(String.join("\n", trace));
        assertThat(done.offset()).isZero();
        assertThat(done.truncated()).isFalse();
        assertThat(agg.flush()).extracting(MultilineAggregatorTest::text).isEqualTo("2024-01-01 12:00:01 INFO next");
    }

    @Test
    void pendingEventIsFlushedOnlyAfterTheTimeoutWithoutNewLines() {
        var agg = new MultilineAggregator(new Multiline("^\\d", 100, 1 << 20, 1000));
        assertThat(agg.add(line("1 start"), 10_000)).isNull();
        assertThat(agg.add(line("  more"), 10_500)).isNull();
        assertThat(agg.flushIfIdle(11_499)).isNull();
        Line flushed = agg.flushIfIdle(11_500);
        assertThat(text(flushed)).isEqualTo("1 start\n  more");
        assertThat(flushed.offset()).isZero();
        assertThat(flushed.nextOffset()).isEqualTo(offset);
        assertThat(agg.hasPending()).isFalse();
    }

    @Test
    void linesBeyondMaxLinesAreCountedInTheEventButTheirBytesDropped() {
        var agg = new MultilineAggregator(new Multiline("^\\d", 3, 1 << 20, 1000));
        agg.add(line("1 a"), 0);
        agg.add(line(" b"), 0);
        agg.add(line(" c"), 0);
        agg.add(line(" d"), 0);
        Line event = agg.flush();
        assertThat(text(event)).isEqualTo("1 a\n b\n c");
        assertThat(event.nextOffset()).isEqualTo(offset); // " d" is acknowledged with it, never sent alone
        assertThat(event.originalLength()).isEqualTo("1 a\n b\n c\n d".length());
    }

    @Test
    void eventIsCutAtMaxBytes() {
        var agg = new MultilineAggregator(new Multiline("^\\d", 100, 8, 1000));
        agg.add(line("1 abcd"), 0);
        agg.add(line(" efgh"), 0);
        Line event = agg.flush();
        assertThat(event.value()).hasSize(8);
        assertThat(text(event)).isEqualTo("1 abcd\n ");
        assertThat(event.truncated()).isTrue();
    }

    @Test
    void theAgentsMaxEventSizeCapsAnEntrysLargerMultilineMaxBytes() {
        var agg = new MultilineAggregator(new Multiline("^\\d", 100, 1 << 20, 1000), 8);
        agg.add(line("1 abcd"), 0);
        agg.add(line(" efgh"), 0);
        Line event = agg.flush();
        assertThat(event.value()).hasSize(8);
        assertThat(event.truncated()).isTrue();
    }
}
