package io.logagent.agent.tail;

import io.logagent.core.collect.CollectEntry.StartPosition;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Where reading starts: first start, after a restart, and what the registry holds while acks are outstanding. */
class RestartTest extends TailFixture {

    @Test
    void afterRestartReadingResumesExactlyAtTheAcknowledgedOffset() throws Exception {
        Path file = logs.resolve("app.log");
        append(file, numbered("a-", 0, 50).toArray(String[]::new));
        FileCollector c = start(entry(file.toString()));
        await().atMost(WAIT).until(() -> onlyFile(c).offset() == Files.size(file));

        restart();
        assertThat(registry.firstStart()).isFalse();
        append(file, numbered("b-", 0, 10).toArray(String[]::new)); // written while the agent was down
        sink.clear();
        start(entry(file.toString()));
        await().atMost(WAIT).until(() -> sink.lines().contains("b-9"));
        assertThat(sink.lines()).isEqualTo(numbered("b-", 0, 10));
    }

    @Test
    void onlyTheUnacknowledgedTailIsSentAgainAfterRestart() throws Exception {
        Path file = logs.resolve("app.log");
        append(file, numbered("l-", 0, 20).toArray(String[]::new));
        sink.mode(RecordingSink.Mode.HOLD);
        start(entry(file.toString()));
        await().atMost(WAIT).until(() -> sink.sent().size() == 20);
        sink.sent().subList(0, 12).forEach(s -> s.listener().acknowledged(s.event()));

        restart();
        sink.clear(RecordingSink.Mode.ACK);
        start(entry(file.toString()));
        await().atMost(WAIT).until(() -> sink.lines().contains("l-19"));
        assertThat(sink.lines()).isEqualTo(numbered("l-", 12, 20));
    }

    @Test
    void outOfOrderAcksPersistOnlyTheContiguousPrefix() throws Exception {
        Path file = logs.resolve("app.log");
        append(file, "l-0", "l-1", "l-2", "l-3", "l-4");
        sink.mode(RecordingSink.Mode.HOLD);
        var entry = entry(file.toString());
        start(entry);
        await().atMost(WAIT).until(() -> sink.sent().size() == 5);
        var sent = sink.sent();
        String fileId = sent.get(0).event().fileId();

        for (int i : new int[] {1, 2, 4}) {
            sent.get(i).listener().acknowledged(sent.get(i).event());
        }
        assertThat(registryOffset(entry, fileId)).isZero();
        sent.get(0).listener().acknowledged(sent.get(0).event());
        assertThat(registryOffset(entry, fileId)).isEqualTo(sent.get(2).event().nextOffset());
        sent.get(3).listener().acknowledged(sent.get(3).event());
        assertThat(registryOffset(entry, fileId)).isEqualTo(Files.size(file));
    }

    @Test
    void atTheVeryFirstStartExistingFilesStartAtTheirEnd() throws Exception {
        Path file = logs.resolve("app.log");
        append(file, "history");
        assertThat(registry.firstStart()).isTrue();
        FileCollector c = start(entry(file.toString(), StartPosition.END));
        await().atMost(WAIT).until(() -> c.status().files().size() == 1);
        append(file, "new");
        await().atMost(WAIT).until(() -> sink.lines().contains("new"));
        assertThat(sink.lines()).containsExactly("new");
    }

    @Test
    void fromBeginningReadsExistingFilesAtTheFirstStart() throws Exception {
        Path file = logs.resolve("app.log");
        append(file, "history");
        start(entry(file.toString(), StartPosition.BEGINNING));
        append(file, "new");
        await().atMost(WAIT).until(() -> sink.lines().contains("new"));
        assertThat(sink.lines()).containsExactly("history", "new");
    }

    @Test
    void afterARestartAFileUnknownToTheRegistryIsReadFromItsBeginning() throws Exception {
        Path known = logs.resolve("known.log");
        append(known, "k");
        start(entry(logs + "/*.log", StartPosition.END));
        String entryId = entry(logs + "/*.log", StartPosition.END).id();
        await().atMost(WAIT).until(() -> registry.findByInode(entryId, FileKey.of(known).devInode()).size() == 1);
        restart();

        append(logs.resolve("created-while-down.log"), "d-0", "d-1");
        start(entry(logs + "/*.log", StartPosition.END));
        await().atMost(WAIT).until(() -> sink.lines().contains("d-1"));
        assertThat(sink.lines()).isEqualTo(List.of("d-0", "d-1"));
    }

    @Test
    void reusedInodeWithOtherContentIsNotMistakenForTheOldFile() throws Exception {
        Path file = logs.resolve("app.log");
        append(file, "first file, long enough to be different");
        FileCollector c = start(entry(file.toString()));
        await().atMost(WAIT).until(() -> onlyFile(c).offset() == Files.size(file));
        String oldId = onlyFile(c).fileId();
        restart();

        // Same inode, other content (what inode reuse looks like): the registry's fingerprint does not match.
        Files.writeString(file, "second file, longer than the first one was, by far\n");
        sink.clear();
        start(entry(file.toString()));
        await().atMost(WAIT).until(() -> !sink.lines().isEmpty());
        assertThat(sink.lines()).containsExactly("second file, longer than the first one was, by far");
        assertThat(registry.get(entry(file.toString()).id(), oldId)).isEmpty();
    }
}
