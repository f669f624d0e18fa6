package io.logagent.transfer;

import io.logagent.stack.KafkaServer;
import io.logagent.stack.OpenSearchServer;
import io.logagent.stack.junit.RealServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** OpenSearch stopped mid-stream: offsets do not advance while it is down, and after its return nothing is lost. */
@ExtendWith(RealServers.class)
class OpenSearchOutageIT {

    private final RealStack stack;
    private TransferService service;

    OpenSearchOutageIT(KafkaServer kafka, OpenSearchServer search) {
        this.stack = new RealStack(kafka, search);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (!stack.search.isRunning()) {
            stack.search.start(); // the servers are shared by every test class of this JVM
        }
        if (service != null) {
            service.stop();
            assertThat(service.awaitStop(Duration.ofSeconds(30))).isTrue();
        }
        stack.close();
    }

    @Test
    void nothingIsLostAndNothingCommittedWhileTheClusterIsDown() throws Exception {
        String topic = "it-outage";
        String group = "g-outage";
        stack.createTopic(topic, 2);
        stack.produceAgentLines(topic, 0, 500, "h-outage");
        // A small buffer so that the outage also exercises pausing the partitions.
        service = TransferService.create(stack.config(topic, group, "chan_size=300"), Clock.systemUTC());
        service.start();
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
