package io.logagent.transfer.consume;

import io.logagent.core.kafka.KafkaProblemLog;
import io.logagent.core.kafka.KafkaProblems;
import io.logagent.core.kafka.KafkaSecurity;
import io.logagent.transfer.health.TransferMetrics;
import io.logagent.transfer.index.BulkStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class BulkDispatcherTest {

    @Test
    void closeGivesAWorkerThatIgnoresAbandonOnlyTheBudgetItIsGivenThenInterruptsIt() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        BulkStore hung = (docs, abandoned) -> {     // a cluster that never answers, and a store deaf to abandon
            entered.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return null;
        };
        KafkaProblemLog problems = KafkaProblemLog.perMinute(
                new KafkaProblems("localhost:9092", KafkaSecurity.PLAINTEXT, "test"),
                LoggerFactory.getLogger(BulkDispatcherTest.class), Clock.systemUTC());
        BulkDispatcher dispatcher = new BulkDispatcher(hung, new DeadLetterPublisher(new MockProducer<>(), "dlq",
                Duration.ofMillis(10), Duration.ofMillis(10), problems), new TransferMetrics(new SimpleMeterRegistry()),
                1, () -> { });
        assertThat(dispatcher.trySubmit(new Batch(List.of(), List.of()))).isTrue();
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(dispatcher.trySubmit(new Batch(List.of(), List.of()))).as("one worker, busy").isFalse();

        dispatcher.abandon();
        long start = System.nanoTime();
        dispatcher.close(Duration.ofMillis(200));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isBetween(Duration.ofMillis(190), Duration.ofMillis(2_000));
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("the worker was interrupted").isTrue();
        assertThat(dispatcher.poll(Duration.ofSeconds(5)).status()).isEqualTo(BulkDispatcher.Status.ABANDONED);
    }
}
