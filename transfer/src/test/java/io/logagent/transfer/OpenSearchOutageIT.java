package io.logagent.transfer;

import io.logagent.stack.KafkaServer;
import io.logagent.stack.OpenSearchServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** OpenSearch stopped mid-stream: offsets do not advance while it is down, and after its return nothing is lost. */
class OpenSearchOutageIT extends TransferOnRealServersTestBase {

    OpenSearchOutageIT(KafkaServer kafka, OpenSearchServer search) {
        super(new RealStack(kafka, search));
    }

    /** Runs before the base class's tear-down, which stops the transfer. */
    @AfterEach
    void restartTheSearchEngine() {
        if (!stack.search.isRunning()) {
            stack.search.start(); // the servers are shared by every test class of this JVM
        }
    }

    @Test
    void nothingIsLostAndNothingCommittedWhileTheClusterIsDown() throws Exception {
        String topic = "it-outage";
        String group = "g-outage";
        stack.createTopic(topic, 2);
        stack.produceAgentLines(topic, 0, 500, "h-outage");
        // A small buffer so that the outage also exercises pausing the partitions.
        TransferService service = transfer.start(stack.config(topic, group, "chan_size=300"));
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.committed(group, topic) == 500);

        stack.search.stop();
        stack.produceAgentLines(topic, 500, 1500, "h-outage");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> stack.committed(group, topic) == 500);
        assertThat(service.isRunning()).isTrue();

        stack.search.start();
        await().atMost(Duration.ofSeconds(90)).until(() -> stack.committed(group, topic) == 1500);
        assertThat(stack.count(topic)).isEqualTo(1500);
        assertThat(service.meterRegistry().get("logagent.transfer.bulk.retries").counter().count()).isPositive();
    }
}
