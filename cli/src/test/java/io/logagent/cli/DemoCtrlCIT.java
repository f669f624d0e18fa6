package io.logagent.cli;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo stopped the way an operator stops it: Ctrl-C in a terminal, i.e. SIGINT to the demo's whole process
 * group, while sample lines are being written, read, shipped and indexed. The servers must not get that signal
 * (they run in sessions of their own) and must be closed only after the agent and the transfer have drained.
 * Then a second run on the same data, writing nothing new, must bring every line written to the index: the lines
 * in flight at the stop were kept (agent offsets, Kafka records, uncommitted transfer offsets), none lost.
 */
class DemoCtrlCIT {

    private static final Pattern SERVER_STOPPED = Pattern.compile("(etcd|kafka|opensearch)\\S* stopped in");
    private static final Map<String, String> TOPIC_FILES = Map.of("web_log", "nginx/access.log",
            "app_log", "app/app.log", "worker_log", "app/worker.log");

    @Test
    void ctrlCWhileLinesAreInFlightDrainsBeforeTheServersStopAndLosesNothing(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("demo");
        Path output = tmp.resolve("demo-output.log");
        Process demo = new ProcessBuilder(List.of("setsid", javaExecutable(), "-Xmx768m", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "demo", "--data-dir", dir.toString(),
                "--port", String.valueOf(freePort()), "--rate", "1000"))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            awaitOutput(demo, output, "logagent demo is ready", Duration.ofMinutes(4));
            List<ProcessHandle> servers = demo.toHandle().children().toList();
            assertThat(servers).as("etcd, Kafka and OpenSearch child processes").hasSizeGreaterThanOrEqualTo(3);
            for (ProcessHandle server : servers) {
                assertThat(processGroup(server.pid())).as("server pid %d outside the demo's process group", server.pid())
                        .isNotEqualTo(processGroup(demo.pid()));
            }
            awaitOutput(demo, output, "assigned [", Duration.ofMinutes(1)); // the transfer consumes
            Thread.sleep(3_000);                     // lines keep flowing: some read, some in Kafka, some in bulks

            long signalled = System.nanoTime();
            run("kill", "-INT", "--", "-" + demo.pid()); // what a terminal's Ctrl-C does: the whole group
            assertThat(demo.waitFor(90, TimeUnit.SECONDS)).as("the demo ended after Ctrl-C").isTrue();
            long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
            String out = Files.readString(output, StandardCharsets.UTF_8);
            System.out.printf("demo stopped %d ms after Ctrl-C, exit code %d; its stop, step by step:%n%s%n", stopMillis,
                    demo.exitValue(), out.lines().filter(l -> l.contains(" stopped") || l.contains("did not stop"))
                            .collect(Collectors.joining("\n")));
            assertThat(demo.exitValue()).as(tail(out)).isZero();
            assertThat(out).doesNotContain("did not stop within");
            int agentStopped = out.indexOf("- agent stopped");
            int transferStopped = out.indexOf("- transfer stopped");
            Matcher firstServer = SERVER_STOPPED.matcher(out);
            assertThat(agentStopped).as(tail(out)).isPositive();
            assertThat(transferStopped).as(tail(out)).isPositive();
            assertThat(firstServer.find()).as("the servers were closed by the demo: " + tail(out)).isTrue();
            assertThat(firstServer.start()).as("servers closed only after the agent and the transfer drained")
                    .isGreaterThan(Math.max(agentStopped, transferStopped));
        } finally {
            demo.destroyForcibly();
        }

        Map<String, Long> written = new LinkedHashMap<>();
        for (String topic : List.of("web_log", "app_log", "worker_log")) {
            written.put(topic, events(dir.resolve("logs").resolve(TOPIC_FILES.get(topic)), topic.equals("app_log")));
        }
        Demo again = Demo.start(dir, freePort(), 0, true, Clock.systemUTC()); // no new lines: finish what was left
        try {
            SearchIndex index = new SearchIndex(again.stack().openSearch().httpUrl());
            Map<String, Long> indexed = new LinkedHashMap<>();
            long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            do {
                Thread.sleep(1_000);
                for (String topic : written.keySet()) {
                    indexed.put(topic, index.count(topic));
                }
            } while (!indexed.equals(written) && System.nanoTime() < until);
            Map<String, Long> records = kafkaRecords(again.stack().kafka().bootstrapServers(), written.keySet());
            List<String> workerLines = Files.readAllLines(dir.resolve("logs").resolve(TOPIC_FILES.get("worker_log")));
            SearchIndex.Tally worker = SearchIndex.Tally.of(workerLines, index.messages("worker_log"));
            long lost = written.keySet().stream().mapToLong(t -> Math.max(0, written.get(t) - indexed.get(t))).sum();
            System.out.printf("Ctrl-C drain: events written %s, Kafka records %s, documents after restart %s; "
                    + "lost %d; worker_log lines lost %d, doubled %d%n", written, records, indexed, lost,
                    worker.lost(), worker.duplicates());
            assertThat(written.values()).as("lines were written").allMatch(n -> n > 100);
            assertThat(indexed).as("every event written is a document, once").isEqualTo(written);
            assertThat(worker.lost()).isZero();
            assertThat(worker.duplicates()).isZero();
            written.forEach((topic, n) -> assertThat(records.get(topic)).as("records in " + topic).isGreaterThanOrEqualTo(n));
        } finally {
            again.runner().stopAll();
        }
    }

    /** Lines of a file, or for the multi-line app log its events (lines opening with a date). */
    private static long events(Path file, boolean multiline) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return multiline ? lines.filter(l -> l.matches("^\\d{4}-\\d{2}-\\d{2} .*")).count() : lines.count();
        }
    }

    private static Map<String, Long> kafkaRecords(String bootstrap, Iterable<String> topics) throws Exception {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (String topic : topics) {
                int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                        .get(topic).partitions().size();
                Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
                for (int p = 0; p < partitions; p++) {
                    latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
                out.put(topic, admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                        .mapToLong(i -> i.offset()).sum());
            }
        }
        return out;
    }

    /** The process group id, field 5 of /proc/PID/stat (after the command name in parentheses). */
    private static long processGroup(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[2]);
    }

    private static void awaitOutput(Process p, Path output, String text, Duration timeout) throws Exception {
        long until = System.nanoTime() + timeout.toNanos();
        while (!Files.readString(output, StandardCharsets.UTF_8).contains(text)) {
            String out = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(p.isAlive()).as("demo still running; output: " + tail(out)).isTrue();
            assertThat(System.nanoTime()).as("waiting for '" + text + "'; output: " + tail(out)).isLessThan(until);
            Thread.sleep(250);
        }
    }

    private static String tail(String out) {
        List<String> lines = out.lines().collect(Collectors.toCollection(ArrayList::new));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
