package io.logagent.agent.it;

import io.logagent.stack.EtcdServer;
import io.logagent.stack.KafkaServer;
import io.logagent.stack.junit.RealServers;
import org.awaitility.core.ConditionTimeoutException;
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
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * logrotate's copytruncate while the application writes, against real Kafka, every line numbered: with the path
 * {@code app.log*} (copies matched too) no line twice, with {@code app.log} alone no line lost, also the lines
 * written while logrotate pauses between its copy and its truncate; two files sharing a long header both whole.
 *
 * <p>The kill -9 case runs at 20,000 lines by default; {@code -Dlogagent.copytruncate.it=true} runs the issue's
 * 300,000 lines at 3,000 lines/s with a copytruncate every 5 s and two kills (about two minutes).
 */
@ExtendWith(RealServers.class)
class CopytruncateIT {
    private static final Logger log = LoggerFactory.getLogger(CopytruncateIT.class);
    private static final boolean FULL = Boolean.getBoolean("logagent.copytruncate.it");
    private static final String OUTPUT = "copytruncate-it";

    private final EtcdServer etcdServer;
    private final KafkaServer kafka;
    @TempDir
    Path dir;

    CopytruncateIT(EtcdServer etcdServer, KafkaServer kafka) {
        this.etcdServer = etcdServer;
        this.kafka = kafka;
    }

    @Test
    void globMatchingTheCopiesKilledAtACopyShipsEveryLineAndDuplicatesOnlyTheUnacknowledgedTails() throws Exception {
        int lines = FULL ? 300_000 : 20_000;
        int perSecond = FULL ? 3_000 : 4_000;
        int rotateEvery = FULL ? 15_000 : 7_000;
        // Killed between a copy and its truncate (the restart finds the copy and the truncated file, offsets of
        // the last second unwritten) and, in the full run, once more mid-stream.
        Set<Integer> killAtCopy = FULL ? Set.of(3) : Set.of(1);
        Set<Integer> killAtLine = FULL ? Set.of(200_000) : Set.of();
        try (AgentFixture f = new AgentFixture("127.0.0.1:" + etcdServer.clientPort(), kafka.bootstrapServers(), dir,
                "", "registry_flush_interval_ms=1000")) {
            Path live = f.newLog("app.log");
            String topic = Topics.unique("copytruncate-glob");
            f.put(f.collectKey(), "[" + AgentFixture.entry(f.logs.resolve("app.log*"), topic) + "]");
            List<Process> agents = new ArrayList<>();
            agents.add(AgentProcess.launch(f, OUTPUT, "glob-0"));
            try {
                waitUntilCollecting(f, live, topic, agents.getLast());
                int kills = 0;
                int copies = 0;
                try (FileChannel out = FileChannel.open(live, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                    long start = System.nanoTime();
                    for (int i = 0; i < lines; i++) {
                        write(out, "glob", i);
                        if ((i + 1) % rotateEvery == 0 && i + 1 < lines) {
                            copies++;
                            Files.copy(live, f.logs.resolve("app.log." + copies));
                            if (killAtCopy.contains(copies)) {
                                kill(agents.getLast());
                                kills++;
                                agents.add(AgentProcess.launch(f, OUTPUT, "glob-" + kills));
                            }
                            truncate(live);
                        }
                        if (killAtLine.contains(i)) {
                            kill(agents.getLast());
                            kills++;
                            agents.add(AgentProcess.launch(f, OUTPUT, "glob-" + kills));
                        }
                        pace(start, i, perSecond);
                    }
                }
                Process last = agents.getLast();
                Map<Integer, Long> counts = counts(Topics.readUntil(f.bootstrap, topic,
                        rs -> AgentProcess.alive(last, OUTPUT) && distinct(rs, "glob") >= lines,
                        Duration.ofSeconds(FULL ? 180 : 90)), "glob");

                assertThat(counts.keySet()).as("every line arrived").containsExactlyElementsOf(
                        IntStream.range(0, lines).boxed().toList());
                assertThat(counts.values()).as("at most twice: once before a kill, once after").allMatch(c -> c <= 2);
                List<int[]> runs = duplicateRuns(counts);
                assertThat(runs.size()).as("duplicates only in the unacknowledged tail of each kill")
                        .isLessThanOrEqualTo(kills);
                long duplicated = counts.values().stream().filter(c -> c > 1).count();
                log.info("copytruncate, path app.log*: {} lines at {}/s, {} copytruncates, {} kill -9: 0 lost, {}"
                                + " duplicated in {} runs {}", lines, perSecond, copies, kills, duplicated, runs.size(),
                        runs.stream().map(r -> r[0] + ".." + r[1]).toList());
            } finally {
                stop(agents.getLast());
                agents.forEach(Process::destroyForcibly);
            }
        }
    }

    @Test
    void pathAloneLosesNothingAlsoOfWhatIsWrittenBetweenTheCopyAndTheTruncate() throws Exception {
        int lines = 8_000;
        int rotateEvery = 2_000;
        try (AgentFixture f = new AgentFixture("127.0.0.1:" + etcdServer.clientPort(), kafka.bootstrapServers(), dir,
                "", "")) {
            Path live = f.newLog("app.log");
            String topic = Topics.unique("copytruncate-path");
            f.put(f.collectKey(), "[" + AgentFixture.entry(live, topic) + "]");
            f.start().awaitCollecting(live);
            int windowLines = 0;
            try (FileChannel out = FileChannel.open(live, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                long start = System.nanoTime();
                int copies = 0;
                for (int i = 0; i < lines; i++) {
                    write(out, "path", i);
                    if ((i + 1) % rotateEvery == 0 && i + 1 < lines) {
                        // The lines just written are in the copy only, once truncated: the agent reads them there.
                        Files.copy(live, f.logs.resolve("app.log." + ++copies));
                        // A slow logrotate: the application goes on writing between the copy and the truncate.
                        for (int w = 0; w < 30; w++) {
                            write(out, "path", ++i);
                            windowLines++;
                            Thread.sleep(10);
                        }
                        Thread.sleep(500); // longer than a poll: a line written just before the truncate is in no file
                        truncate(live);
                    }
                    pace(start, i, 5_000);
                }
            }
            Map<Integer, Long> counts = counts(Topics.readUntil(f.bootstrap, topic,
                    rs -> distinct(rs, "path") >= lines, Duration.ofSeconds(60)), "path");
            assertThat(counts.keySet()).as("every line arrived, the copy→truncate window's too")
                    .containsExactlyElementsOf(IntStream.range(0, lines).boxed().toList());
            assertThat(counts.values()).as("none twice").allMatch(c -> c == 1);
            log.info("copytruncate, path app.log: {} lines, {} written between copy and truncate: 0 lost, 0 duplicated",
                    lines, windowLines);
        }
    }

    @Test
    void twoFilesStartingWithTheSameTwoKibHeaderAreBothReadWhole() throws Exception {
        String header = "# " + "h".repeat(2045) + "\n"; // 2 KiB, more than fingerprint_bytes
        try (AgentFixture f = new AgentFixture("127.0.0.1:" + etcdServer.clientPort(), kafka.bootstrapServers(), dir,
                "", "copytruncate_wait_ms=1000")) {
            String topic = Topics.unique("copytruncate-header");
            Path first = f.newLog("first.log");
            f.put(f.collectKey(), "[" + AgentFixture.entry(f.logs.resolve("*.log"), topic) + "]");
            f.start().awaitCollecting(f.logs.resolve("*.log"));
            Files.writeString(first, header + numberedLines("first", 500), StandardOpenOption.APPEND);
            Topics.readAtLeast(f.bootstrap, topic, 501, AgentFixture.WAIT);
            // Shorter than what was read of first.log: only the header can be compared, so it is held for 1 s.
            Files.writeString(f.logs.resolve("short.log"), header + numberedLines("short", 50));
            // Longer: a checkpoint of first.log differs, so it is a file of its own at once.
            Files.writeString(f.logs.resolve("long.log"), header + numberedLines("long", 1000));

            List<String> values = Topics.values(Topics.readUntil(f.bootstrap, topic,
                    rs -> rs.size() >= 501 + 51 + 1001, Duration.ofSeconds(30)));
            Map<String, Long> perFile = values.stream().collect(Collectors.groupingBy(
                    v -> v.startsWith("#") ? "header" : v.substring(0, v.indexOf(' ')), TreeMap::new,
                    Collectors.counting()));
            assertThat(perFile).isEqualTo(Map.of("header", 3L, "first", 500L, "short", 50L, "long", 1000L));
            assertThat(values.stream().filter(v -> !v.startsWith("#")).distinct().count()).isEqualTo(1550);
        }
    }

    /** A line written before the agent first looked is skipped (a first start begins at the end): write until one arrives. */
    private static void waitUntilCollecting(AgentFixture f, Path live, String topic, Process agent) throws Exception {
        long deadline = System.nanoTime() + AgentFixture.WAIT.toNanos();
        while (true) {
            Files.writeString(live, "warm-up\n", StandardOpenOption.APPEND);
            try {
                Topics.readUntil(f.bootstrap, topic, rs -> AgentProcess.alive(agent, OUTPUT) && !rs.isEmpty(),
                        Duration.ofSeconds(1));
                return;
            } catch (ConditionTimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    private static void kill(Process agent) throws InterruptedException {
        agent.destroyForcibly(); // SIGKILL: no last registry write, the producer's buffer gone
        assertThat(agent.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    private static void stop(Process agent) throws Exception {
        agent.getOutputStream().close();
        if (!agent.waitFor(60, TimeUnit.SECONDS)) {
            agent.destroyForcibly();
        }
    }

    private static String line(String prefix, int n) {
        return String.format("%s %07d some payload to make it a log line%n", prefix, n);
    }

    private static String numberedLines(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> line(prefix, i)).collect(Collectors.joining());
    }

    private static void write(FileChannel out, String prefix, int n) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(line(prefix, n).getBytes(StandardCharsets.US_ASCII));
        while (buf.hasRemaining()) {
            out.write(buf); // one write() per line: a reader never sees half of one
        }
    }

    private static void truncate(Path file) throws IOException {
        try (FileChannel t = FileChannel.open(file, StandardOpenOption.WRITE)) {
            t.truncate(0);
        }
    }

    /** Keeps to {@code perSecond} lines a second overall. */
    private static void pace(long startNanos, int written, int perSecond) throws InterruptedException {
        long due = startNanos + (long) written * 1_000_000_000L / perSecond;
        long ahead = due - System.nanoTime();
        if (ahead > 1_000_000) {
            Thread.sleep(ahead / 1_000_000);
        }
    }

    private static long distinct(List<Topics.Line> records, String prefix) {
        return records.stream().map(Topics.Line::value).filter(v -> v.startsWith(prefix + " ")).distinct().count();
    }

    private static Map<Integer, Long> counts(List<Topics.Line> records, String prefix) {
        return records.stream().map(Topics.Line::value).filter(v -> v.startsWith(prefix + " "))
                .map(v -> Integer.parseInt(v.substring(prefix.length() + 1, prefix.length() + 8)))
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    }

    /** The duplicated line numbers as contiguous runs [first, last]. */
    private static List<int[]> duplicateRuns(Map<Integer, Long> counts) {
        List<int[]> runs = new ArrayList<>();
        counts.forEach((n, c) -> {
            if (c > 1) {
                if (!runs.isEmpty() && runs.getLast()[1] == n - 1) {
                    runs.getLast()[1] = n;
                } else {
                    runs.add(new int[] {n, n});
                }
            }
        });
        return runs;
    }
}
