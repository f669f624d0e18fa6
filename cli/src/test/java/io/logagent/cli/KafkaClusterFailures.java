package io.logagent.cli;

import io.logagent.stack.EtcdServer;
import io.logagent.stack.OpenSearchServer;
import io.logagent.transfer.TransferService;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failure tests of issue #9 §2 through the real agent → secured 3-node Kafka → transfer → OpenSearch, with
 * numbered lines in rotating files: every line must be in the index exactly once. Each prints lines, documents,
 * lost, duplicates and the time to recover.
 */
final class KafkaClusterFailures {
    private static final Duration DRAIN = Duration.ofSeconds(180);

    private final SecuredKafka kafka;
    private final EtcdServer etcd;
    private final SearchIndex index;
    private final OpenSearchServer search;
    private final Path tmp;

    KafkaClusterFailures(SecuredKafka kafka, EtcdServer etcd, OpenSearchServer search, Path tmp) {
        this.kafka = kafka;
        this.etcd = etcd;
        this.search = search;
        this.index = new SearchIndex(search.httpUrl());
        this.tmp = tmp;
    }

    /** The broker leading the (single) partition is killed -9 mid-stream and comes back after 20 s. */
    void leaderKilled() throws Exception {
        String topic = kafka.topic("kill", 1);
        String ip = "10.78.1.1";
        NumberedLines lines = new NumberedLines(tmp.resolve("logs"), "kill", 2, 200, 1000);
        try (Pipeline p = new Pipeline(etcd, kafka.bootstrap(), search.httpUrl(), tmp); lines) {
            p.collect(ip, topic, lines.glob());
            p.transfer(p.transferIni(topic, SecuredKafka.GROUPS + "kill", kafka.iniKeys("transfer")));
            p.agent(p.agentIni(ip, kafka.iniKeys("agent"), tmp.resolve("logs")));
            lines.start();
            Thread.sleep(5_000);
            int leader = kafka.cluster.leaderOf(topic, 0);
            int writtenAtKill = lines.count();
            long killedAt = System.nanoTime();
            kafka.cluster.kill(leader);
            Duration recovered = null;
            while (System.nanoTime() - killedAt < Duration.ofSeconds(20).toNanos()) {
                recovered = recovered != null ? recovered : recoveredSince(topic, writtenAtKill, killedAt);
                Thread.sleep(500);
            }
            kafka.cluster.start(leader);
            long backAt = System.nanoTime();
            while (recovered == null && System.nanoTime() - backAt < DRAIN.toNanos()) {
                recovered = recoveredSince(topic, writtenAtKill, killedAt);
                Thread.sleep(500);
            }
            Thread.sleep(5_000);
            List<String> written = lines.stopAndGet();
            await().atMost(DRAIN).pollInterval(Duration.ofSeconds(1)).until(() -> index.count(topic) >= written.size());
            SearchIndex.Tally t = SearchIndex.Tally.of(written, index.messages(topic));
            System.out.printf("FAILURE TEST leader killed -9 (node %d, back after 20 s): lines %d, documents %d, lost %d,"
                            + " duplicates %d, time to recover %d ms (first line written after the kill searchable)%n",
                    leader, t.lines(), t.documents(), t.lost(), t.duplicates(), recovered == null ? -1 : recovered.toMillis());
            assertThat(t.lost()).isZero();
            assertThat(t.duplicates()).isZero();
            assertThat(t.documents()).isEqualTo(t.lines());
            assertThat(recovered).as("lines flowed again").isNotNull();
        }
    }

    private Duration recoveredSince(String topic, int writtenAtKill, long killedAt) throws Exception {
        return index.count(topic) > writtenAtKill ? Duration.ofNanos(System.nanoTime() - killedAt) : null;
    }

    /**
     * Three workers in one group over six partitions, scaled 1 → 3 → 1 while lines flow: exact count, the group
     * never commits more records than the index holds, and the lag drains.
     */
    void workersScaled() throws Exception {
        String topic = kafka.topic("scale", 6);
        String group = SecuredKafka.GROUPS + "scale";
        String ip = "10.78.1.2";
        NumberedLines lines = new NumberedLines(tmp.resolve("logs"), "scale", 6, 300, 400);
        AtomicLong maxCommittedAhead = new AtomicLong(Long.MIN_VALUE);
        AtomicLong samples = new AtomicLong();
        try (Pipeline p = new Pipeline(etcd, kafka.bootstrap(), search.httpUrl(), tmp); lines) {
            p.collect(ip, topic, lines.glob());
            String ini = p.transferIni(topic, group, kafka.iniKeys("transfer"));
            p.transfer(ini);
            p.agent(p.agentIni(ip, kafka.iniKeys("agent"), tmp.resolve("logs")));
            // Committed offsets are read before the count: a commit ahead of the stored documents shows as > 0.
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        long committed = kafka.committed(group, topic);
                        long stored = index.count(topic);
                        maxCommittedAhead.accumulateAndGet(committed - stored, Math::max);
                        samples.incrementAndGet();
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        // a sample lost to a rebalance in progress; the next one counts
                    }
                }
            }, "commit-sampler");
            lines.start();
            sampler.start();
            Thread.sleep(5_000);
            TransferService second = p.transfer(ini);
            TransferService third = p.transfer(ini);
            Thread.sleep(10_000);
            Pipeline.stop(second);
            Pipeline.stop(third);
            Thread.sleep(5_000);
            List<String> written = lines.stopAndGet();
            long stoppedAt = System.nanoTime();
            await().atMost(DRAIN).pollInterval(Duration.ofSeconds(1))
                    .until(() -> index.count(topic) >= written.size() && kafka.lag(group, topic, 6) == 0);
            Duration drained = Duration.ofNanos(System.nanoTime() - stoppedAt);
            sampler.interrupt();
            sampler.join();
            SearchIndex.Tally t = SearchIndex.Tally.of(written, index.messages(topic));
            System.out.printf("FAILURE TEST workers scaled 1 -> 3 -> 1 (6 partitions): lines %d, documents %d, lost %d,"
                            + " duplicates %d, time to recover %d ms (writer stopped -> lag 0 and all lines indexed),"
                            + " commit samples %d, most committed ahead of stored %d%n", t.lines(), t.documents(),
                    t.lost(), t.duplicates(), drained.toMillis(), samples.get(), maxCommittedAhead.get());
            assertThat(t.lost()).isZero();
            assertThat(t.duplicates()).isZero();
            assertThat(t.documents()).isEqualTo(t.lines());
            assertThat(samples.get()).as("commit samples taken").isPositive();
            assertThat(maxCommittedAhead.get()).as("records committed but not stored").isLessThanOrEqualTo(0);
            assertThat(kafka.lag(group, topic, 6)).isZero();
        }
    }
}
