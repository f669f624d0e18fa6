package io.logagent.agent.tail;

import io.logagent.core.status.CollectorStatus;

import io.logagent.agent.ship.LogEvent;
import io.logagent.core.collect.CollectEntry;
import io.logagent.core.collect.CollectEntry.Multiline;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What becomes an event: line splitting, cutting, idle flush, multiline, filters and delivery failures. */
class ReadingTest extends TailFixture {

    @Test
    void longLineIsCutCountedAndTheNextLineIsIntact() throws Exception {
        settings = TailSettings.defaults().withMaxLineBytes(1024).withReadBufferBytes(4096);
        Path file = logs.resolve("app.log");
        append(file, "short", "x".repeat(10_000), "after");
        FileCollector c = start(entry(file.toString()));
        await().atMost(WAIT).until(() -> sink.lines().contains("after"));

        List<LogEvent> events = sink.events();
        assertThat(events).hasSize(3);
        assertThat(events.get(1).value()).hasSize(1024);
        assertThat(events.get(1).originalLength()).isEqualTo(10_000);
        assertThat(events.get(1).nextOffset()).isEqualTo("short\n".length() + 10_001);
        assertThat(events.get(2).truncated()).isFalse();
        assertThat(onlyFile(c).linesTruncated()).isEqualTo(1);
        await().atMost(WAIT).until(() -> onlyFile(c).offset() == Files.size(file));
        assertThat(onlyFile(c).linesSent()).isEqualTo(3);
        assertThat(onlyFile(c).size()).isEqualTo(Files.size(file));
        assertThat(onlyFile(c).bytesBehind()).isZero();
        assertThat(meters.counter("logagent.tail.lines", "entry", file.toString(), "topic", "app").count())
                .isEqualTo(3);
        assertThat(meters.counter("logagent.tail.bytes", "entry", file.toString(), "topic", "app").count())
                .isEqualTo(Files.size(file));
        assertThat(meters.counter("logagent.tail.lines.cut", "entry", file.toString(), "topic", "app").count())
                .isEqualTo(1);
    }

    @Test
    void crlfIsStrippedAndBinaryBytesPassUnchanged() throws Exception {
        Path file = logs.resolve("app.log");
        byte[] binary = {(byte) 0xff, 0, (byte) 0xc3, 'b', (byte) 0x80};
        appendBytes(file, "windows\r\n".getBytes(StandardCharsets.US_ASCII));
        appendBytes(file, binary);
        appendBytes(file, "\n".getBytes(StandardCharsets.US_ASCII));
        start(entry(file.toString()));
        await().atMost(WAIT).until(() -> sink.events().size() == 2);
        assertThat(sink.events().get(0).value()).isEqualTo("windows".getBytes(StandardCharsets.US_ASCII));
        assertThat(sink.events().get(1).value()).isEqualTo(binary);
    }

    @Test
    void lastLineWithoutNewlineIsSentAfterTheIdleTimeout() throws Exception {
        settings = TailSettings.defaults().withIdleFlush(Duration.ofHours(1)); // only the test's clock can reach it
        Path file = logs.resolve("app.log");
        appendBytes(file, "done\npartial".getBytes(StandardCharsets.UTF_8));
        start(entry(file.toString()));
        await().atMost(WAIT).until(() -> sink.lines().contains("done"));
        assertThat(sink.lines()).containsExactly("done"); // read in the same read, but held back

        clock.advance(Duration.ofHours(1));
        await().atMost(WAIT).until(() -> sink.lines().contains("partial"));
        assertThat(sink.events().get(1).nextOffset()).isEqualTo(Files.size(file));
    }

    @Test
    void javaStackTraceIsOneEvent() throws Exception {
        Path file = logs.resolve("app.log");
        List<String> trace = List.of("java.lang.IllegalStateException: boom",
                "\tat com.example.Service.call(Service.java:42)",
                "Caused by: java.io.IOException: disk full",
                "\tat com.example.Disk.write(Disk.java:9)",
                "\t... 12 more");
        append(file, "2024-01-01 ERROR request failed");
        append(file, trace.toArray(String[]::new));
        append(file, "2024-01-01 INFO next");
        CollectEntry entry = new CollectEntry(file.toString(), "app", null, CollectEntry.StartPosition.BEGINNING,
                new Multiline(Multiline.JAVA_START_PATTERN, 500, 1 << 20, 60_000), null, null, null, null, 0, null);
        start(entry);
        // The exception line belongs to the log line that reported it: one event from the log line to "... more".
        await().atMost(WAIT).until(() -> sink.lines().size() == 1);
        assertThat(sink.lines()).containsExactly("2024-01-01 ERROR request failed\n" + String.join("\n", trace));

        clock.advance(Duration.ofMinutes(1)); // no more lines: the pending event is flushed after its timeout
        await().atMost(WAIT).until(() -> sink.lines().size() == 2);
        assertThat(sink.lines().get(1)).isEqualTo("2024-01-01 INFO next");
    }

    @Test
    void filteredLinesAreNotSentButTheirOffsetAdvances() throws Exception {
        Path file = logs.resolve("app.log");
        append(file, "INFO a", "ERROR b", "ERROR noise c", "WARN d", "DEBUG e");
        CollectEntry entry = new CollectEntry(file.toString(), "app", null, CollectEntry.StartPosition.BEGINNING,
                null, null, List.of("ERROR", "WARN"), List.of("noise"), null, 0, null);
        FileCollector c = start(entry);
        await().atMost(WAIT).until(() -> onlyFile(c).offset() == Files.size(file));
        assertThat(sink.lines()).containsExactly("ERROR b", "WARN d");
    }

    @Test
    void failedDeliveryPutsTheFileInErrorAndRetriesFromTheLastAcknowledgedOffset() throws Exception {
        Path file = logs.resolve("app.log");
        append(file, "ok-0", "ok-1");
        FileCollector c = start(entry(file.toString()));
        await().atMost(WAIT).until(() -> onlyFile(c).offset() == Files.size(file));
        long acked = onlyFile(c).offset();

        sink.mode(RecordingSink.Mode.FAIL);
        append(file, "retry-0", "retry-1", "retry-2");
        await().atMost(WAIT).until(() -> c.status().state() == CollectorStatus.State.ERROR);
        assertThat(c.status().lastError()).contains("not authorized");
        assertThat(onlyFile(c).offset()).isEqualTo(acked);

        sink.clear(RecordingSink.Mode.ACK);
        clock.advance(Duration.ofSeconds(30)); // past the backoff
        await().atMost(WAIT).until(() -> onlyFile(c).offset() == Files.size(file));
        assertThat(sink.lines()).containsExactly("retry-0", "retry-1", "retry-2");
        assertThat(c.status().state()).isEqualTo(CollectorStatus.State.RUNNING);
    }

    @Test
    void rateLimitPacesButDropsNothing() throws Exception {
        Path file = logs.resolve("app.log");
        append(file, numbered("r-", 0, 30).toArray(String[]::new));
        CollectEntry entry = new CollectEntry(file.toString(), "app", null, CollectEntry.StartPosition.BEGINNING,
                null, null, null, null, null, 10, null);
        start(entry);
        await().atMost(WAIT).until(() -> sink.lines().size() >= 10);
        assertThat(sink.lines().size()).isLessThan(30); // one second of burst, then 10/s
        await().atMost(WAIT).until(() -> sink.lines().size() == 30);
        assertThat(sink.lines()).isEqualTo(numbered("r-", 0, 30));
    }
}
