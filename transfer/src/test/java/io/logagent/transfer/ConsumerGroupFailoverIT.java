package io.logagent.transfer;

import io.logagent.stack.KafkaServer;
import io.logagent.stack.OpenSearchServer;
import io.logagent.stack.junit.RealServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two transfers in one consumer group; one is killed (SIGKILL of its JVM, no chance to flush or commit) while it
 * holds buffered work. The survivor takes its partitions over and the index ends with exactly one document per
 * record.
 */
@ExtendWith(RealServers.class)
class ConsumerGroupFailoverIT {

    /** The dead member is noticed after the session timeout; the broker's minimum keeps the test short. */
    private static final String FAST_GROUP = "[kafka.consumer]\nsession.timeout.ms=6000\nheartbeat.interval.ms=1000\n";

    private final RealStack stack;
    private final TransferUnderTest survivor = new TransferUnderTest();
    private Process victim;

    ConsumerGroupFailoverIT(KafkaServer kafka, OpenSearchServer search) {
        this.stack = new RealStack(kafka, search);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (victim != null) {
            victim.destroyForcibly().waitFor();
        }
        survivor.stop();
        stack.close();
    }

    @Test
    void killedMemberLosesNothingAndDuplicatesNothing(@TempDir Path dir) throws Exception {
        String topic = "it-failover";
        String group = "g-failover";
        stack.createTopic(topic, 4);
        stack.produceAgentLines(topic, 0, 4000, "h-failover");

        // The victim flushes slowly, so it is killed with documents buffered and offsets uncommitted.
        Path ini = dir.resolve("victim.ini");
        Files.writeString(ini, stack.iniText(topic, group, "flush_interval_ms=4000\nbulk_max_docs=100000\n" + FAST_GROUP)
                .replace("flush_interval_ms=200\n", "").replace("bulk_max_docs=500\n", ""));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        victim = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                TransferChildMain.class.getName(), ini.toString()))
                .redirectErrorStream(true).redirectOutput(Path.of(System.getProperty("logagent.build.dir", "target"), "failover-victim.log").toFile()).start();
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.count(topic) > 0);

        survivor.start(stack.config(topic, group, FAST_GROUP));
        stack.produceAgentLines(topic, 4000, 6000, "h-failover");
        victim.destroyForcibly().waitFor();
        stack.produceAgentLines(topic, 6000, 7000, "h-failover");

        await().atMost(Duration.ofSeconds(120)).until(() -> stack.committed(group, topic) == 7000);
        assertThat(stack.count(topic)).isEqualTo(7000);
    }
}
