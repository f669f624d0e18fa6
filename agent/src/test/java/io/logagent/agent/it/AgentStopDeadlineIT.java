package io.logagent.agent.it;

import io.etcd.jetcd.Client;
import io.logagent.agent.Agent;
import io.logagent.agent.registry.Registry;
import io.logagent.agent.ship.KafkaShipper;
import io.logagent.agent.tail.FileCollectorFactory;
import io.logagent.core.collect.PathAllowlist;
import io.logagent.core.time.Deadline;
import io.logagent.stack.EtcdServer;
import io.logagent.stack.junit.RealServers;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The agent's shutdown steps share the one deadline it is handed. Real etcd, registry and file collectors; the
 * producer is one whose broker never answers: records stay unacknowledged and {@code close(timeout)} waits the
 * whole timeout, as Kafka's producer does with its brokers gone. The agent must stop by the deadline, not after
 * {@code stop_timeout_ms} (10 s) for the collectors plus as much again for the flush.
 */
@ExtendWith(RealServers.class)
class AgentStopDeadlineIT {
    private final EtcdServer etcdServer;
    @TempDir
    Path dir;

    AgentStopDeadlineIT(EtcdServer etcdServer) {
        this.etcdServer = etcdServer;
    }

    @Test
    void withLinesThatKafkaNeverAcknowledgesTheAgentStopsByItsDeadline() throws Exception {
        Duration budget = Duration.ofSeconds(3);
        List<Duration> closeWaits = new CopyOnWriteArrayList<>();
        List<Object> sent = new CopyOnWriteArrayList<>();
        try (AgentFixture f = new AgentFixture("127.0.0.1:" + etcdServer.clientPort(), "127.0.0.1:9", dir, "", "")) {
            Clock clock = Clock.systemUTC();
            Agent agent = agent(f, clock, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), sent, closeWaits);
            Path log = f.newLog("app.log");
            f.put(f.collectKey(), "[" + AgentFixture.entry(log, "t") + "]");
            agent.start();
            f.agent = agent;
            f.awaitCollecting(log);
            AgentFixture.append(log, AgentFixture.lines("in flight", 50));
            await().atMost(Duration.ofSeconds(20)).until(() -> sent.size() == 50);

            long start = System.nanoTime();
            agent.stop(Deadline.after(budget, clock));
            boolean stopped = agent.awaitStop(Duration.ofSeconds(30));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.printf("agent with 50 lines never acknowledged stopped in %d ms (producer close given %s), "
                    + "deadline %d ms, stop_timeout_ms %d%n", took.toMillis(), closeWaits, budget.toMillis(),
                    f.config.agent().stopTimeout().toMillis());
            assertThat(stopped).isTrue();
            assertThat(closeWaits).singleElement().satisfies(w -> assertThat(w).as("the flush gets what is left")
                    .isLessThanOrEqualTo(budget));
            assertThat(took).as("every step within what is left of the one deadline")
                    .isLessThan(budget.plusMillis(1_500));
            assertThat(f.config.agent().stopTimeout()).as("a budget per step would have taken longer")
                    .isGreaterThan(budget);
        }
    }

    /**
     * The agent's last closes (etcd client, meters) come after every step and get what is left: one that blocks
     * (here the meters, as a client waiting for a server gone would) is abandoned at the deadline, not waited for.
     */
    @Test
    void aFinalCloseThatBlocksIsAbandonedAtTheDeadline() throws Exception {
        Duration budget = Duration.ofSeconds(2);
        CountDownLatch release = new CountDownLatch(1);
        PrometheusMeterRegistry stuckMeters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT) {
            @Override
            public void close() {
                try {
                    release.await(20, TimeUnit.SECONDS); // fails the test rather than hang it when waited for
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.close();
            }
        };
        try (AgentFixture f = new AgentFixture("127.0.0.1:" + etcdServer.clientPort(), "127.0.0.1:9", dir, "", "")) {
            Clock clock = Clock.systemUTC();
            Agent agent = agent(f, clock, stuckMeters, new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
            Path log = f.newLog("app.log");
            f.put(f.collectKey(), "[" + AgentFixture.entry(log, "t") + "]");
            agent.start();
            f.agent = agent;
            f.awaitCollecting(log);

            long start = System.nanoTime();
            agent.stop(Deadline.after(budget, clock));
            boolean stopped = agent.awaitStop(Duration.ofSeconds(30));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.printf("agent whose meter registry blocks in close stopped in %d ms, deadline %d ms%n",
                    took.toMillis(), budget.toMillis());
            assertThat(stopped).isTrue();
            assertThat(took).as("the blocked close is abandoned at the deadline").isLessThan(budget.plusMillis(1_500));
        } finally {
            release.countDown();
        }
    }

    /** An agent with real etcd, registry and collectors; its producer is {@link #silentBroker}. */
    private static Agent agent(AgentFixture f, Clock clock, PrometheusMeterRegistry meters, List<Object> sent,
                               List<Duration> closeWaits) throws IOException {
        Client etcd = f.config.etcd().connection().connect();
        Registry registry = Registry.open(f.config.agent().dataDir(), clock,
                f.config.tail().registryFlushInterval(), f.config.tail().registryCleanAfter());
        KafkaShipper shipper = new KafkaShipper(silentBroker(sent, closeWaits), topic -> 1, f.config.hostIp(),
                1_000, 1 << 20, meters, Duration.ofMillis(100));
        return new Agent(f.config, clock, etcd, registry, shipper, new FileCollectorFactory(registry,
                shipper, f.config.tail(), clock, meters, new PathAllowlist(f.config.agent().allowPaths())), meters);
    }

    /** A producer whose broker never answers: sends are taken and never completed; close waits its timeout. */
    @SuppressWarnings("unchecked")
    private static Producer<byte[], byte[]> silentBroker(List<Object> sent, List<Duration> closeWaits) {
        return (Producer<byte[], byte[]>) Proxy.newProxyInstance(Producer.class.getClassLoader(),
                new Class<?>[]{Producer.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "send" -> {
                        sent.add(args[0]);
                        yield new CompletableFuture<>();
                    }
                    case "close" -> {
                        Duration wait = args != null && args.length == 1 && args[0] instanceof Duration d ? d
                                : Duration.ofDays(1);
                        closeWaits.add(wait);
                        Thread.sleep(wait.toMillis());
                        yield null;
                    }
                    case "toString" -> "silent producer";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }
}
