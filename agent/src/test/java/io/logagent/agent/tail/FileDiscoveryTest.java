package io.logagent.agent.tail;

import io.logagent.core.status.CollectorStatus;

import io.logagent.core.collect.CollectEntry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Which files a collector reads and when it lets go of them. */
class FileDiscoveryTest extends TailFixture {

    @Test
    void newFileMatchingTheGlobIsPickedUpWithinOneSecond() throws Exception {
        Files.createDirectories(logs.resolve("app/web"));
        FileCollector c = start(entry(logs + "/**/*.log"));
        await().atMost(WAIT).until(() -> c.status().state() == CollectorStatus.State.WAITING);

        append(logs.resolve("app/web/access.log"), "hello");
        await().atMost(Duration.ofSeconds(1)).until(() -> sink.lines().equals(List.of("hello")));
        assertThat(sink.events().get(0).path()).isEqualTo(logs.resolve("app/web/access.log").toString());
        assertThat(c.status().state()).isEqualTo(CollectorStatus.State.RUNNING);
    }

    @Test
    void aFileRenamedWithinTheGlobKeepsItsOffsetAndItsNewLinesCarryTheNewPath() throws Exception {
        Path before = logs.resolve("a.log");
        Path after = logs.resolve("b.log");
        FileCollector c = start(entry(logs + "/*.log"));
        append(before, "one");
        await().atMost(WAIT).until(() -> sink.lines().equals(List.of("one")));

        Files.move(before, after);
        await().atMost(WAIT).until(() -> onlyFile(c).path().equals(after.toString()));
        append(after, "two");
        await().atMost(WAIT).until(() -> sink.lines().equals(List.of("one", "two")));
        assertThat(sink.events()).extracting(e -> e.path()).containsExactly(before.toString(), after.toString());
        assertThat(sink.events()).extracting(e -> e.fileId()).containsOnly(sink.events().get(0).fileId());
    }

    @Test
    void missingExactPathWaitsAndIsReadFromItsBeginningWhenItAppears() throws Exception {
        Path file = logs.resolve("later.log");
        FileCollector c = start(entry(file.toString(), CollectEntry.StartPosition.END));
        await().atMost(WAIT).until(() -> c.status().state() == CollectorStatus.State.WAITING);

        append(file, "first", "second");
        await().atMost(WAIT).until(() -> sink.lines().equals(List.of("first", "second")));
    }

    @Test
    void excludedFilesAreNeverRead() throws Exception {
        CollectEntry entry = new CollectEntry(logs + "/*.log", "app", null, null, null, null, null, null,
                List.of("*debug*"), 0, null);
        FileCollector c = start(entry);
        await().atMost(WAIT).until(() -> c.status().state() == CollectorStatus.State.WAITING);
        append(logs.resolve("debug.log"), "secret");
        append(logs.resolve("main.log"), "shown");
        await().atMost(WAIT).until(() -> sink.lines().contains("shown"));
        append(logs.resolve("main.log"), "end");
        await().atMost(WAIT).until(() -> sink.lines().contains("end"));
        assertThat(sink.lines()).containsExactly("shown", "end");
    }

    @Test
    void deletedFileIsReadToItsEndThenItsDescriptorReleased() throws Exception {
        Path file = logs.resolve("gone.log");
        append(file, "a", "b");
        FileCollector c = start(entry(logs + "/*.log"));
        await().atMost(WAIT).until(() -> sink.lines().equals(List.of("a", "b")));
        assertThat(openDescriptorsTo(file)).isEqualTo(1);

        append(file, "c");
        Files.delete(file);
        await().atMost(WAIT).until(() -> openDescriptorsTo(file) == 0);
        assertThat(sink.lines()).containsExactly("a", "b", "c");
        assertThat(c.status().files()).isEmpty();
    }

    @Test
    void stoppingClosesEveryFile() throws Exception {
        Path file = logs.resolve("x.log");
        append(file, "a");
        FileCollector c = start(entry(file.toString()));
        await().atMost(WAIT).until(() -> openDescriptorsTo(file) == 1);
        c.stop();
        assertThat(c.awaitStop(WAIT)).isTrue();
        assertThat(openDescriptorsTo(file)).isZero();
        assertThat(c.status().state()).isEqualTo(CollectorStatus.State.STOPPED);
    }

    /** How many of this JVM's file descriptors point at {@code file} (also after it was deleted). */
    static long openDescriptorsTo(Path file) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    return ""; // closed while listing
                }
            }).filter(target -> target.equals(file.toString()) || target.equals(file + " (deleted)")).count();
        }
    }
}
