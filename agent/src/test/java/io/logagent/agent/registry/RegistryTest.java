package io.logagent.agent.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class RegistryTest {

    @TempDir
    Path dir;

    private static final String E = "/var/log/a.log -> t";

    private final ManualClock clock = new ManualClock();

    private static final class ManualClock extends Clock {
        volatile long millis = 1_700_000_000_000L;

        @Override public long millis() { return millis; }
        @Override public Instant instant() { return Instant.ofEpochMilli(millis); }
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
    }

    @Test
    void firstStartOnlyWhenNoRegistryFileExisted() throws IOException {
        Registry first = Registry.open(dir, clock);
        assertThat(first.firstStart()).isTrue();
        first.update(E, "1:2:ab", "/var/log/a.log", 10, 1024);
        first.flush();
        assertThat(Registry.open(dir, clock).firstStart()).isFalse();
    }

    @Test
    void anAgentKilledBeforeItsFirstFlushIsNotAtItsFirstStartAgain() throws IOException {
        assertThat(Registry.open(dir, clock).firstStart()).isTrue(); // then "killed": no flush, no stop
        assertThat(Registry.open(dir, clock).firstStart()).isFalse();
    }

    @Test
    void reopenSeesTheLastFlushedStateOnlyAsIfTheWriterWasKilled() throws IOException {
        Registry writer = Registry.open(dir, clock);
        writer.update(E, "1:2:ab", "/var/log/a.log", 10, 1024);
        writer.update(E, "1:3:cd", "/var/log/b.log", 5, 7);
        writer.flush();
        writer.update(E, "1:2:ab", "/var/log/a.log", 99, 1024); // never flushed: the writer "dies" here
        // a crash in the middle of a later write leaves a partial temporary file behind
        Files.writeString(dir.resolve("registry.json.tmp"), "{\"version\":2,\"entries\":{\"/var/log/a.log -> t\":{\"1:2:ab");

        Registry reopened = Registry.open(dir, clock);
        assertThat(reopened.get(E, "1:2:ab")).hasValueSatisfying(s -> {
            assertThat(s.offset()).isEqualTo(10);
            assertThat(s.path()).isEqualTo("/var/log/a.log");
            assertThat(s.fingerprintLength()).isEqualTo(1024);
        });
        assertThat(reopened.get(E, "1:3:cd")).map(FileState::offset).contains(5L);
        assertThat(reopened.findByInode(E, "1:2")).containsOnlyKeys("1:2:ab");
    }

    @Test
    void flusherWritesChangesWithinTheIntervalAndOnStop() throws Exception {
        Registry registry = Registry.open(dir, clock, Duration.ofMillis(50), Duration.ofHours(24));
        registry.start();
        try {
            registry.update(E, "1:2:ab", "/a", 42, 3);
            await().atMost(Duration.ofSeconds(5)).until(() -> Registry.open(dir, clock).get(E, "1:2:ab").isPresent());
            registry.update(E, "1:2:ab", "/a", 43, 3);
        } finally {
            registry.stop();
            assertThat(registry.awaitStop(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(Registry.open(dir, clock).get(E, "1:2:ab")).map(FileState::offset).contains(43L);
    }

    @Test
    void entriesNotSeenForTheCleanAfterTimeAreForgotten() throws IOException {
        Registry registry = Registry.open(dir, clock, Duration.ofSeconds(1), Duration.ofHours(24));
        registry.update(E, "1:2:old", "/old", 1, 3);
        clock.millis += Duration.ofHours(20).toMillis();
        registry.update(E, "1:3:new", "/new", 1, 3);
        clock.millis += Duration.ofHours(5).toMillis();
        registry.flush();
        assertThat(registry.get(E, "1:2:old")).isEmpty();
        assertThat(registry.get(E, "1:3:new")).isPresent();
        assertThat(Registry.open(dir, clock).get(E, "1:2:old")).isEmpty();
    }

    @Test
    void touchKeepsAnEntryAlive() throws IOException {
        Registry registry = Registry.open(dir, clock, Duration.ofSeconds(1), Duration.ofHours(24));
        registry.update(E, "1:2:a", "/a", 1, 3);
        clock.millis += Duration.ofHours(23).toMillis();
        registry.touch(E, "1:2:a");
        clock.millis += Duration.ofHours(23).toMillis();
        registry.flush();
        assertThat(registry.get(E, "1:2:a")).isPresent();
    }

    @Test
    void twoEntriesOnTheSameFileKeepTheirOwnOffsets() throws IOException {
        Registry registry = Registry.open(dir, clock);
        EntryRegistry toA = registry.forEntry("/var/log/a.log -> a");
        EntryRegistry toB = registry.forEntry("/var/log/a.log -> b");
        toA.update("1:2:ab", "/var/log/a.log", 100, 1024);
        toB.update("1:2:ab", "/var/log/a.log", 7, 1024);
        toB.remove("1:9:zz"); // another entry's file: nothing to do with a's
        registry.flush();

        Registry reopened = Registry.open(dir, clock);
        assertThat(reopened.forEntry("/var/log/a.log -> a").get("1:2:ab")).map(FileState::offset).contains(100L);
        assertThat(reopened.forEntry("/var/log/a.log -> b").get("1:2:ab")).map(FileState::offset).contains(7L);
        assertThat(reopened.forEntry("/var/log/a.log -> c").findByInode("1:2")).isEmpty();
        reopened.forEntry("/var/log/a.log -> b").remove("1:2:ab");
        assertThat(reopened.forEntry("/var/log/a.log -> a").get("1:2:ab")).isPresent();
    }

    @Test
    void aRegistryWrittenBeforeCheckpointsLoadsAndKeepsItsOffsets() throws IOException {
        // What the previous release wrote: no checkpoint, no copyOf.
        Files.writeString(dir.resolve("registry.json"), "{\"version\":2,\"entries\":{\"" + E + "\":{\"1:2:ab\":"
                + "{\"path\":\"/var/log/a.log\",\"offset\":42,\"lastSeenMillis\":" + clock.millis()
                + ",\"fingerprintLength\":1024}}}}");
        Registry registry = Registry.open(dir, clock);
        FileState s = registry.get(E, "1:2:ab").orElseThrow();
        assertThat(s.offset()).isEqualTo(42);
        assertThat(s.fingerprintLength()).isEqualTo(1024);
        assertThat(s.checkpoint()).isNull();
        assertThat(s.copyOf()).isNull();
    }

    @Test
    void checkpointAndCopyOfSurviveAWrite() throws IOException {
        Registry writer = Registry.open(dir, clock);
        writer.update(E, "1:2:ab", "/var/log/a.log", 4096, 1024, new ContentCheck(4000, 1024, "0011223344556677"), null);
        writer.update(E, "1:3:ab", "/var/log/a.log.1", 5000, 1024, null, "1:2:ab");
        writer.flush();
        Registry reader = Registry.open(dir, clock);
        assertThat(reader.get(E, "1:2:ab").orElseThrow().checkpoint())
                .isEqualTo(new ContentCheck(4000, 1024, "0011223344556677"));
        assertThat(reader.get(E, "1:3:ab").orElseThrow().copyOf()).isEqualTo("1:2:ab");
    }

    @Test
    void anUnreadableRegistryFailsLoudly() throws IOException {
        Files.writeString(dir.resolve("registry.json"), "not json");
        assertThatThrownBy(() -> Registry.open(dir, clock)).isInstanceOf(IOException.class)
                .hasMessageContaining("registry.json");
    }

    @Test
    void aNewerFormatIsRefusedForWhatItIsNamingTheFileAndKeptUntouched() throws IOException {
        // A later format may add fields this version does not know: the version decides first.
        String newer = "{\"version\":3,\"entries\":{},\"checksums\":{\"a\":1}}";
        Files.writeString(dir.resolve("registry.json"), newer);
        assertThatThrownBy(() -> Registry.open(dir, clock)).isInstanceOf(RegistryVersionException.class)
                .hasMessageContaining(dir.resolve("registry.json").toString())
                .hasMessageContaining("format version 3").hasMessageContaining("newer logagent");
        assertThatThrownBy(() -> Registry.describe(dir)).isInstanceOf(RegistryVersionException.class);
        assertThat(Files.readString(dir.resolve("registry.json"))).isEqualTo(newer);
    }

    @Test
    void aFileWithoutVersionIsTheUnreleasedFormatOneAndNotMisreadAsTheCurrentOne() throws IOException {
        Files.writeString(dir.resolve("registry.json"), "{\"files\":{\"1:2:ab\":{\"path\":\"/var/log/a.log\",\"offset\":5}}}");
        assertThatThrownBy(() -> Registry.open(dir, clock)).isNotInstanceOf(RegistryVersionException.class)
                .isInstanceOf(IOException.class).hasMessageContaining("format version 1");
    }

    @Test
    void describeReadsWithoutWriting() throws IOException {
        assertThat(Registry.describe(dir)).contains("no registry yet");
        assertThat(dir.resolve("registry.json")).doesNotExist();
        Registry writer = Registry.open(dir, clock);
        writer.update(E, "1:2:ab", "/var/log/a.log", 10, 1024);
        writer.flush();
        assertThat(Registry.describe(dir)).contains("format 2").contains("1 file");
    }
}
