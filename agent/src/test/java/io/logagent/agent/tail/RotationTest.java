package io.logagent.agent.tail;

import io.logagent.agent.ship.LogEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Rotation by rename, copytruncate and truncation: every line exactly once, in order per file. */
class RotationTest extends TailFixture {

    @Test
    void renameRotationUnderContinuousWritingLosesAndRepeatsNothing() throws Exception {
        Path live = logs.resolve("app.log");
        FileCollector c = start(entry(live.toString()));
        int total = 20_000;
        int perFile = 4_000;
        FileChannel out = FileChannel.open(live, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        for (int i = 0; i < total; i++) {
            if (i > 0 && i % perFile == 0) {
                // Real rotation happens long after a file appeared; here: as soon as the collector has opened it.
                String devInode = FileKey.of(live).devInode() + ":";
                await().atMost(WAIT).until(() -> c.status().files().stream()
                        .anyMatch(f -> f.fileId() != null && f.fileId().startsWith(devInode)));
                out.close();
                Files.move(live, logs.resolve("app.log." + i / perFile)); // outside the path: drained, then closed
                out = FileChannel.open(live, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
            }
            out.write(ByteBuffer.wrap(("line-" + i + " " + "x".repeat(i % 50) + "\n").getBytes(StandardCharsets.UTF_8)));
        }
        out.close();

        await().atMost(Duration.ofSeconds(30)).until(() -> sink.events().size() >= total);
        List<Integer> numbers = sink.lines().stream().map(l -> Integer.parseInt(l.substring(5, l.indexOf(' ')))).toList();
        assertThat(numbers).hasSize(total).doesNotHaveDuplicates();
        Map<String, List<Integer>> byFile = new LinkedHashMap<>();
        for (LogEvent e : sink.events()) {
            String l = new String(e.value(), StandardCharsets.UTF_8);
            byFile.computeIfAbsent(e.fileId(), k -> new ArrayList<>()).add(Integer.parseInt(l.substring(5, l.indexOf(' '))));
        }
        assertThat(byFile).hasSize(total / perFile);
        byFile.values().forEach(lines -> {
            assertThat(lines).isSorted().hasSize(perFile);
            assertThat(lines.get(lines.size() - 1) - lines.get(0)).isEqualTo(perFile - 1);
        });
        await().atMost(WAIT).until(() -> c.status().files().size() == 1); // rotated files closed
    }

    @Test
    void renamedFileStaysOpenWhileItsWriterStillAppendsThenIsClosedWhenIdle() throws Exception {
        settings = TailSettings.defaults().withRotatedCloseAfter(Duration.ofHours(1)); // only the test's clock
        Path live = logs.resolve("app.log");
        Path rotated = logs.resolve("app.log.1");
        try (FileChannel writer = FileChannel.open(live, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            writer.write(ByteBuffer.wrap("before\n".getBytes(StandardCharsets.UTF_8)));
            FileCollector c = start(entry(live.toString()));
            await().atMost(WAIT).until(() -> sink.lines().contains("before"));

            Files.move(live, rotated);
            await().atMost(WAIT).until(() -> onlyFile(c).state().equals("DRAINING"));
            writer.write(ByteBuffer.wrap("late\n".getBytes(StandardCharsets.UTF_8))); // the app has not reopened yet
            await().atMost(WAIT).until(() -> sink.lines().contains("late"));
            assertThat(FileDiscoveryTest.openDescriptorsTo(rotated)).isEqualTo(2); // the writer's and the harvester's

            clock.advance(Duration.ofHours(1));
            await().atMost(WAIT).until(() -> FileDiscoveryTest.openDescriptorsTo(rotated) == 1);
            assertThat(sink.lines()).containsExactly("before", "late");
        }
    }

    @Test
    void copytruncateRestartsFromZeroAndCountsIt() throws Exception {
        Path live = logs.resolve("app.log");
        append(live, numbered("before-", 0, 100).toArray(String[]::new));
        FileCollector c = start(entry(live.toString()));
        await().atMost(WAIT).until(() -> sink.lines().size() == 100);

        Files.copy(live, logs.resolve("app.log.1"));
        truncate(live);
        append(live, numbered("after-", 0, 10).toArray(String[]::new));

        List<String> expected = new ArrayList<>(numbered("before-", 0, 100));
        expected.addAll(numbered("after-", 0, 10));
        await().atMost(WAIT).until(() -> sink.lines().size() >= 110);
        assertThat(sink.lines()).isEqualTo(expected);
        assertThat(onlyFile(c).truncations()).isEqualTo(1);
        assertThat(meters.counter("logagent.tail.truncations", "entry", live.toString(), "topic", "app").count())
                .isEqualTo(1);
    }

    @Test
    void fileRewrittenLongerThanTheOldOffsetIsRecognisedByItsFirstBytes() throws Exception {
        Path live = logs.resolve("app.log");
        append(live, "old-0", "old-1");
        FileCollector c = start(entry(live.toString()));
        await().atMost(WAIT).until(() -> sink.lines().size() == 2);

        // truncate and write more than before in one go, faster than a poll can see the short file
        try (FileChannel ch = FileChannel.open(live, StandardOpenOption.WRITE)) {
            ch.truncate(0);
            ch.write(ByteBuffer.wrap("new-0 is longer\nnew-1 is longer\n".getBytes(StandardCharsets.UTF_8)), 0);
        }
        await().atMost(WAIT).until(() -> sink.lines().size() >= 4);
        assertThat(sink.lines()).containsExactly("old-0", "old-1", "new-0 is longer", "new-1 is longer");
        assertThat(onlyFile(c).truncations()).isEqualTo(1);
    }

    @Test
    void acknowledgedOffsetFollowsTheFileAfterTruncation() throws Exception {
        Path live = logs.resolve("app.log");
        append(live, numbered("line-", 0, 50).toArray(String[]::new));
        FileCollector c = start(entry(live.toString()));
        await().atMost(WAIT).until(() -> onlyFile(c).offset() == Files.size(live));

        truncate(live);
        append(live, "short");
        await().atMost(WAIT).until(() -> sink.lines().contains("short"));
        await().atMost(WAIT).until(() -> onlyFile(c).offset() == Files.size(live));
        assertThat(registryOffset(entry(live.toString()), onlyFile(c).fileId())).isEqualTo("short\n".length());
    }

    private static void truncate(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(0);
        }
    }
}
