package io.logagent.agent.tail;

import io.logagent.core.status.CollectorStatus;

import io.logagent.core.collect.PathAllowlist;
import io.logagent.agent.registry.Registry;
import io.logagent.core.collect.CollectEntry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Real files in a temp directory, a real registry, the recording sink and a clock tests can move forward. */
abstract class TailFixture {

    static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path logs;
    @TempDir
    Path data;

    final RecordingSink sink = new RecordingSink();
    final TestClock clock = new TestClock();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    TailSettings settings = TailSettings.defaults();
    Registry registry;
    /** Everything under the temp directories; tests of the real-path check narrow it. */
    PathAllowlist allowlist = new PathAllowlist(List.of("/**"));
    private final List<FileCollector> running = new ArrayList<>();

    @BeforeEach
    void openRegistry() throws IOException {
        registry = Registry.open(data, clock);
    }

    @AfterEach
    void stopCollectors() throws InterruptedException {
        stopAll();
    }

    /** Simulates an agent restart: collectors stopped, registry written and opened again from disk. */
    void restart() throws Exception {
        stopAll();
        registry.flush();
        registry = Registry.open(data, clock);
    }

    void stopAll() throws InterruptedException {
        running.forEach(FileCollector::stop);
        for (FileCollector c : running) {
            assertThat(c.awaitStop(WAIT)).as("collector stopped").isTrue();
        }
        running.clear();
    }

    FileCollector start(CollectEntry entry) {
        FileCollector c = new FileCollectorFactory(registry, sink, settings, clock, meters, allowlist).create(entry);
        c.start();
        running.add(c);
        return c;
    }

    static CollectEntry entry(String path) {
        return new CollectEntry(path, "app", null, CollectEntry.StartPosition.BEGINNING, null, null, null, null,
                null, 0, null);
    }

    static CollectEntry entry(String path, CollectEntry.StartPosition from) {
        return new CollectEntry(path, "app", null, from, null, null, null, null, null, 0, null);
    }

    static void append(Path file, String... lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        appendBytes(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    static void appendBytes(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    static List<String> numbered(String prefix, int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    /** The registry's offset for the only file of {@code collector}, via its status (what the registry holds). */
    static CollectorStatus.FileStatus onlyFile(FileCollector collector) {
        List<CollectorStatus.FileStatus> files = collector.status().files();
        assertThat(files).hasSize(1);
        return files.get(0);
    }

    long registryOffset(CollectEntry entry, String fileId) {
        return registry.get(entry.id(), fileId).orElseThrow().offset();
    }
}
