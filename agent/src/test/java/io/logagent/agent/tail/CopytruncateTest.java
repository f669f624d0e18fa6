package io.logagent.agent.tail;

import io.logagent.core.status.CollectorStatus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * copytruncate with content fingerprints: the copy is recognised as the original's generation (never read twice),
 * the lines the agent had not read when the original was truncated are read from the copy, and a file that only
 * shares a header with another is still a file of its own.
 */
class CopytruncateTest extends TailFixture {

    @Test
    void withTheCopyMatchedByTheGlobEveryLineArrivesOnceAndTheCopyIsNotRead() throws Exception {
        Path live = logs.resolve("app.log");
        append(live, numbered("before-", 0, 100).toArray(String[]::new));
        FileCollector c = start(entry(logs + "/app.log*"));
        await().atMost(WAIT).until(() -> sink.lines().size() == 100);

        copytruncate(live, logs.resolve("app.log.1"), numbered("unread-", 0, 20));
        append(live, numbered("after-", 0, 10).toArray(String[]::new));

        List<String> expected = new ArrayList<>(numbered("before-", 0, 100));
        expected.addAll(numbered("unread-", 0, 20));
        expected.addAll(numbered("after-", 0, 10));
        await().atMost(WAIT).until(() -> stateOf(c, "app.log.1").equals("COPY") && sink.lines().size() >= 130);
        assertThat(sink.lines()).isEqualTo(expected);
        assertThat(sink.linesOf(logs.resolve("app.log.1").toString())).isEmpty();

        restart(); // the copy stays a copy: the registry says so
        sink.clear();
        FileCollector again = start(entry(logs + "/app.log*"));
        await().atMost(WAIT).until(() -> again.status().files().size() == 2);
        append(live, "after-restart");
        await().atMost(WAIT).until(() -> sink.lines().contains("after-restart"));
        assertThat(sink.lines()).containsExactly("after-restart");
        assertThat(stateOf(again, "app.log.1")).isEqualTo("COPY");

        String copyId = again.status().files().stream().filter(f -> f.path().endsWith("/app.log.1")).findFirst()
                .orElseThrow().fileId();
        Files.delete(logs.resolve("app.log.1")); // logrotate's rotate count: the copy goes, and with it its entry
        await().atMost(WAIT).until(() -> again.status().files().size() == 1);
        assertThat(registry.get(entry(logs + "/app.log*").id(), copyId)).isEmpty();
    }

    @Test
    void aCopyFoundBeforeTheTruncateIsHeldUnreadThenKnownAsTheCopy() throws Exception {
        Path live = logs.resolve("app.log");
        append(live, numbered("before-", 0, 100).toArray(String[]::new));
        FileCollector c = start(entry(logs + "/app.log*"));
        await().atMost(WAIT).until(() -> sink.lines().size() == 100);

        Files.copy(live, logs.resolve("app.log.1")); // a slow logrotate: the truncate comes later
        await().atMost(WAIT).until(() -> stateOf(c, "app.log.1").equals("HELD"));
        append(live, numbered("window-", 0, 10).toArray(String[]::new)); // between copy and truncate
        await().atMost(WAIT).until(() -> sink.lines().size() == 110);
        truncate(live);
        append(live, "after");

        await().atMost(WAIT).until(() -> stateOf(c, "app.log.1").equals("COPY") && sink.lines().contains("after"));
        List<String> expected = new ArrayList<>(numbered("before-", 0, 100));
        expected.addAll(numbered("window-", 0, 10));
        expected.add("after");
        assertThat(sink.lines()).isEqualTo(expected);
    }

    @Test
    void withThePathAloneLinesNotReadBeforeTheTruncationAreReadFromTheCopy() throws Exception {
        Path live = logs.resolve("app.log");
        append(live, numbered("before-", 0, 100).toArray(String[]::new));
        FileCollector c = start(entry(live.toString()));
        await().atMost(WAIT).until(() -> sink.lines().size() == 100);

        copytruncate(live, logs.resolve("app.log.1"), numbered("unread-", 0, 20));
        append(live, numbered("after-", 0, 10).toArray(String[]::new));

        List<String> expected = new ArrayList<>(numbered("before-", 0, 100));
        expected.addAll(numbered("unread-", 0, 20));
        expected.addAll(numbered("after-", 0, 10));
        await().atMost(WAIT).until(() -> sink.lines().size() >= 130);
        assertThat(sink.lines()).isEqualTo(expected);
        assertThat(onlyFile(c).truncations()).isEqualTo(1);
    }

    @Test
    void aCopytruncateWhileTheAgentWasDownIsReadOnFromTheCopyAfterTheRestart() throws Exception {
        Path live = logs.resolve("app.log");
        append(live, numbered("before-", 0, 100).toArray(String[]::new));
        FileCollector c = start(entry(live.toString()));
        await().atMost(WAIT).until(() -> onlyFile(c).offset() == Files.size(live));
        restart();

        append(live, numbered("down-", 0, 30).toArray(String[]::new)); // written while the agent was down
        Files.copy(live, logs.resolve("app.log.1"));
        truncate(live);
        append(live, numbered("after-", 0, 10).toArray(String[]::new));
        sink.clear();
        start(entry(live.toString()));

        List<String> expected = new ArrayList<>(numbered("down-", 0, 30));
        expected.addAll(numbered("after-", 0, 10));
        await().atMost(WAIT).until(() -> sink.lines().size() >= 40);
        assertThat(sink.lines()).isEqualTo(expected);
    }

    @Test
    void twoFilesWithTheSameLongHeaderAreBothReadWhole() throws Exception {
        String header = "#".repeat(2047) + "\n"; // longer than fingerprint_bytes: same fingerprint, other content
        Path a = logs.resolve("a.log");
        appendBytes(a, (header + String.join("\n", numbered("a-", 0, 200)) + "\n").getBytes());
        FileCollector c = start(entry(logs + "/*.log"));
        await().atMost(WAIT).until(() -> sink.linesOf(a.toString()).size() == 201);

        Path bigger = logs.resolve("bigger.log"); // told apart by a checkpoint at once
        appendBytes(bigger, (header + String.join("\n", numbered("bigger-", 0, 300)) + "\n").getBytes());
        Path smaller = logs.resolve("smaller.log"); // as long as a checkpoint of a.log: held, then read
        appendBytes(smaller, (header + String.join("\n", numbered("s-", 0, 5)) + "\n").getBytes());
        await().atMost(WAIT).until(() -> sink.linesOf(bigger.toString()).size() == 301);
        await().atMost(WAIT).until(() -> stateOf(c, "smaller.log").equals("HELD"));
        assertThat(sink.linesOf(smaller.toString())).isEmpty();

        clock.advance(settings.copytruncateWait()); // a.log was not truncated: smaller.log is no copy of it
        await().atMost(WAIT).until(() -> sink.linesOf(smaller.toString()).size() == 6);
        List<String> expected = new ArrayList<>(List.of(header.strip()));
        expected.addAll(numbered("s-", 0, 5));
        assertThat(sink.linesOf(smaller.toString())).isEqualTo(expected);
        assertThat(sink.linesOf(a.toString())).hasSize(201);
        assertThat(sink.linesOf(bigger.toString())).hasSize(301);
    }

    /** What a logrotate copytruncate does, with lines written just before it that the agent has not read yet. */
    static void copytruncate(Path live, Path copy, List<String> unread) throws IOException {
        append(live, unread.toArray(String[]::new));
        Files.copy(live, copy);
        truncate(live);
    }

    static void truncate(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(0);
        }
    }

    private static String stateOf(FileCollector c, String name) {
        return c.status().files().stream().filter(f -> f.path().endsWith("/" + name))
                .map(CollectorStatus.FileStatus::state).findFirst().orElse("");
    }
}
