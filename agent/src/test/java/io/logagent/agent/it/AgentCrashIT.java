package io.logagent.agent.it;

import io.etcd.jetcd.KeyValue;
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
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static io.logagent.agent.it.AgentFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The agent process killed with SIGKILL while a writer keeps appending, then started again: at-least-once with
 * duplicates only from the acknowledged-but-not-yet-flushed tail, and the status key's lease runs out so the host
 * shows offline. The agent runs in a child JVM ({@link AgentProcessMain}) with the test's class path.
 */
@ExtendWith(RealServers.class)
class AgentCrashIT {
    private static final Logger log = LoggerFactory.getLogger(AgentCrashIT.class);
    private static final int STATUS_TTL_SECONDS = 5;

    private final EtcdServer etcdServer;
    private final KafkaServer kafka;
    @TempDir
    Path dir;

    AgentCrashIT(EtcdServer etcdServer, KafkaServer kafka) {
        this.etcdServer = etcdServer;
        this.kafka = kafka;
    }

    @Test
    void killDashNineMidStreamLosesNothingAndDuplicatesOnlyTheUnflushedTail() throws Exception {
        try (AgentFixture f = new AgentFixture("127.0.0.1:" + etcdServer.clientPort(), kafka.bootstrapServers(), dir,
                "", "registry_flush_interval_ms=1000\n[etcd]\nstatus_ttl=" + STATUS_TTL_SECONDS)) {
            Path log = f.newLog("app.log");
            String topic = Topics.unique("crash");
            f.put(f.collectKey(), "[" + AgentFixture.entry(log, topic) + "]");
            String statusKey = f.config.etcd().statusKey();

            Process first = launch(f, "first");
            Writer writer = new Writer(log);
            try {
                await().atMost(WAIT).until(() -> statusKv(f, statusKey) != null);
                writer.start();
                Topics.readAtLeast(f.bootstrap, topic, 3000, WAIT); // mid-stream: shipping, and flushed at least once
                first.destroyForcibly(); // SIGKILL: no shutdown hook, no last registry write, no lease revoke
                assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();

                // Nobody revokes the lease: the status key must go away on its own within the TTL.
                await().atMost(Duration.ofSeconds(STATUS_TTL_SECONDS + 10)).until(() -> statusKv(f, statusKey) == null);

                Process second = launch(f, "second");
                try {
                    int written = writer.stopAfter(2000);
                    Map<Integer, Integer> counts = Topics.readUntil(f.bootstrap, topic,
                                    rs -> alive(second) && rs.stream().map(l -> l.value()).distinct().count() >= written,
                                    Duration.ofSeconds(90)).stream()
                            .collect(Collectors.toMap(l -> number(l.value()), l -> 1, Integer::sum, TreeMap::new));

                    assertThat(counts.keySet()).as("every line arrived").containsExactlyElementsOf(
                            java.util.stream.IntStream.range(0, written).boxed().toList());
                    List<Integer> duplicated = counts.entrySet().stream().filter(e -> e.getValue() > 1)
                            .map(Map.Entry::getKey).toList();
                    assertThat(counts.values()).as("at most twice: once before the kill, once after").allMatch(c -> c <= 2);
                    if (!duplicated.isEmpty()) {
                        assertThat(duplicated).as("duplicates are one contiguous run: the unflushed tail")
                                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(duplicated.getFirst(),
                                        duplicated.getLast()).boxed().toList());
                    }
                    AgentCrashIT.log.info("kill -9: {} lines written, {} sent twice (lines {}..{})", written,
                            duplicated.size(), duplicated.isEmpty() ? "-" : duplicated.getFirst(),
                            duplicated.isEmpty() ? "-" : duplicated.getLast());
                    assertThat(statusKv(f, statusKey)).as("the restarted agent is online again").isNotNull();
                } finally {
                    second.getOutputStream().close(); // orderly stop
                    if (!second.waitFor(60, TimeUnit.SECONDS)) {
                        second.destroyForcibly();
                    }
                }
                assertThat(second.exitValue()).as("the restarted agent stopped cleanly").isZero();
            } finally {
                writer.stopAfter(0);
                if (first.isAlive()) {
                    first.destroyForcibly();
                }
            }
        }
    }

    private static Process launch(AgentFixture f, String name) throws IOException {
        return AgentProcess.launch(f, "agent-crash-it", name);
    }

    private static boolean alive(Process agent) {
        return AgentProcess.alive(agent, "agent-crash-it");
    }

    private static KeyValue statusKv(AgentFixture f, String key) throws Exception {
        List<KeyValue> kvs = f.etcd.getKVClient().get(AgentFixture.bytes(key)).get(10, TimeUnit.SECONDS).getKvs();
        return kvs.isEmpty() ? null : kvs.getFirst();
    }

    private static int number(String line) {
        return Integer.parseInt(line.substring("crash ".length(), "crash ".length() + 7));
    }

    /** Appends numbered lines, one write() each, about 10,000 a second, on its own thread. */
    private static final class Writer {
        private final Path file;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger written = new AtomicInteger();
        private final Thread thread;
        private volatile IOException failure;

        Writer(Path file) {
            this.file = file;
            this.thread = new Thread(this::run, "test-crash-writer");
        }

        void start() {
            thread.start();
        }

        /** Lets it write for {@code millis} more, stops it and returns how many lines it wrote. */
        int stopAfter(long millis) throws Exception {
            if (thread.isAlive()) {
                Thread.sleep(millis); // more lines while the restarted agent catches up; not an assertion
            }
            running.set(false);
            thread.join();
            if (failure != null) {
                throw failure;
            }
            return written.get();
        }

        private void run() {
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                while (running.get()) {
                    for (int i = 0; i < 10; i++) {
                        int n = written.get();
                        out.write(ByteBuffer.wrap(String.format("crash %07d some payload to make it a log line%n", n)
                                .getBytes(StandardCharsets.US_ASCII)));
                        written.incrementAndGet();
                    }
                    Thread.sleep(1);
                }
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
