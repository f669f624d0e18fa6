package io.logagent.agent.it;

import io.logagent.stack.EtcdServer;
import io.logagent.stack.KafkaServer;
import io.logagent.stack.junit.RealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static io.logagent.agent.it.AgentFixture.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * logrotate's two ways, while the application keeps writing, against real Kafka with every line numbered.
 *
 * <p>rename ({@code create}): the application writes, the file is renamed away and a new one created. The agent
 * keeps the renamed file open and reads it to its end, so every line arrives exactly once.
 *
 * <p>copytruncate: the file is copied and then truncated in place. Lines the agent had not read when the
 * truncation came are gone from the live file; it reads them from the copy, recognised by its content (the README,
 * "copytruncate"), so every line arrives exactly once, in order. ({@link CopytruncateIT} has the copies matched by
 * the path, kill -9 and writes between the copy and the truncate.)
 */
@ExtendWith(RealServers.class)
class RotationIT {
    private static final Logger log = LoggerFactory.getLogger(RotationIT.class);
    private static final int LINES = 10_000;
    private static final int PER_GENERATION = 1_000;
    private static final String PADDING = " ".repeat(100);

    private final EtcdServer etcdServer;
    private final KafkaServer kafka;
    @TempDir
    Path dir;

    RotationIT(EtcdServer etcdServer, KafkaServer kafka) {
        this.etcdServer = etcdServer;
        this.kafka = kafka;
    }

    @Test
    void renameRotationUnderContinuousWritingShipsEveryLineExactlyOnce() throws Exception {
        try (AgentFixture f = fixture()) {
            Path live = f.newLog("app.log");
            String topic = start(f, live, "rotate-rename");

            // The application's view: write through a handle; at rotation close it, rename, open the new file.
            FileChannel out = FileChannel.open(live, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            for (int i = 0; i < LINES; i++) {
                write(out, i);
                if ((i + 1) % PER_GENERATION == 0) {
                    out.close();
                    Files.move(live, dir.resolve("logs/app.log.1"), StandardCopyOption.REPLACE_EXISTING);
                    out = FileChannel.open(live, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                            StandardOpenOption.APPEND);
                }
                // Each generation lives about a second at the watched path (rotation every 100 ms is not a
                // real log): a file renamed away before one scan interval has passed, under a name the glob
                // does not match, is never seen, as with any polling tailer. See the README on rotation.
                Thread.sleep(1);
            }
            out.close();

            List<Integer> got = numbers(Topics.readAtLeast(f.bootstrap, topic, LINES, Duration.ofSeconds(60)));
            assertThat(got).hasSize(LINES);
            assertThat(got.stream().sorted().toList()).isEqualTo(java.util.stream.IntStream.range(0, LINES).boxed().toList());
            assertInOrderPerGeneration(got);
        }
    }

    @Test
    void copytruncateUnderContinuousWritingShipsEveryLineExactlyOnce() throws Exception {
        try (AgentFixture f = fixture()) {
            Path live = f.newLog("app.log");
            String topic = start(f, live, "rotate-copytruncate");

            // The application never reopens: one O_APPEND handle, so after a truncation it writes at the new end.
            try (FileChannel out = FileChannel.open(live, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                for (int i = 0; i < LINES; i++) {
                    write(out, i);
                    if ((i + 1) % PER_GENERATION == 0 && i + 1 < LINES) {
                        Files.copy(live, dir.resolve("logs/app.log.1"), StandardCopyOption.REPLACE_EXISTING);
                        try (FileChannel t = FileChannel.open(live, StandardOpenOption.WRITE)) {
                            t.truncate(0);
                        }
                    }
                    // As with rename: each generation lives about a second. One that is written, copied and
                    // truncated again between two looks of the agent (the agent held up longer than a generation
                    // lives, e.g. by Kafka) is in a copy that the path app.log does not match: lost, see the README.
                    Thread.sleep(1);
                }
            }

            String last = line(LINES - 1).replace("\n", "");
            List<Topics.Line> records = Topics.readUntil(f.bootstrap, topic,
                    rs -> !rs.isEmpty() && rs.getLast().value().equals(last), Duration.ofSeconds(60));
            List<Integer> got = numbers(records);
            assertThat(got).as("every line exactly once, in order (the unread end of each generation from its copy)")
                    .isEqualTo(java.util.stream.IntStream.range(0, LINES).boxed().toList());
            log.info("copytruncate: {} lines, {} truncations: none lost, none duplicated", LINES,
                    LINES / PER_GENERATION - 1);
        }
    }

    private AgentFixture fixture() throws IOException {
        return new AgentFixture("127.0.0.1:" + etcdServer.clientPort(), kafka.bootstrapServers(), dir, "", "");
    }

    private static String start(AgentFixture f, Path live, String prefix) throws Exception {
        String topic = Topics.unique(prefix);
        f.put(f.collectKey(), "[" + entry(live, topic) + "]");
        f.start().awaitCollecting(live);
        return topic;
    }

    private static String line(int n) {
        return String.format("line %06d%s\n", n, PADDING);
    }

    private static void write(FileChannel out, int n) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(line(n).getBytes(StandardCharsets.US_ASCII));
        while (buf.hasRemaining()) {
            out.write(buf); // one write() per line: a reader never sees half of one
        }
    }

    private static List<Integer> numbers(List<Topics.Line> records) {
        return records.stream().map(r -> Integer.parseInt(r.value().substring(5, 11))).toList();
    }

    private static void assertInOrderPerGeneration(List<Integer> got) {
        TreeMap<Integer, List<Integer>> byGeneration = new TreeMap<>();
        got.forEach(n -> byGeneration.computeIfAbsent(n / PER_GENERATION, g -> new ArrayList<>()).add(n));
        byGeneration.forEach((g, ns) -> assertThat(ns).as("generation %d in order", g).isSorted());
    }
}
