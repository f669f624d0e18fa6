package io.logagent.console;

import io.javalin.Javalin;
import io.logagent.console.config.ConsoleConfig;
import io.logagent.core.ini.IniFile;
import io.logagent.core.time.Deadline;
import io.logagent.core.time.OwnedResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's stop holds the deadline it is handed even when a backend client's close blocks (an HTTP client
 * waiting for a request in flight, an etcd channel for a dead server): that close is abandoned, the clients made
 * before it are still closed. No etcd or engine needed: the clients are stand-ins.
 */
class ConsoleStopDeadlineTest {

    private static final Duration BUDGET = Duration.ofMillis(500);
    /** How long the stuck close blocks unless released: waiting for it fails the test instead of hanging it. */
    private static final Duration STUCK = Duration.ofSeconds(8);
    private static final Duration SLACK = Duration.ofSeconds(2);

    @Test
    void aClientStuckInCloseIsAbandonedAtTheStopDeadline(@TempDir Path dir) throws Exception {
        ConsoleConfig config = ConsoleConfig.from(IniFile.parse("console.ini", """
                [http]
                port = 0
                [etcd]
                address = 127.0.0.1:1
                [auth]
                admin_password = admin-secret-1
                [console]
                data_dir = %s
                """.formatted(dir)), Map.of());
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch etcdClosed = new CountDownLatch(1);
        OwnedResources resources = new OwnedResources();
        resources.add("etcd client", (AutoCloseable) etcdClosed::countDown);
        resources.add("search client", (AutoCloseable) () -> release.await(STUCK.toMillis(), TimeUnit.MILLISECONDS));
        ConsoleServer server = new ConsoleServer(config.http(), Javalin.create(), resources, Optional.empty(),
                Optional.empty(), "", List.of(), Clock.systemUTC());
        server.start();
        try {
            long start = System.nanoTime();
            server.stop(Deadline.after(BUDGET, Clock.systemUTC()));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.printf("console stop with a client stuck in close: %d ms, deadline %d ms%n", took.toMillis(),
                    BUDGET.toMillis());

            assertThat(took).as("the stuck close is abandoned at the deadline").isLessThan(BUDGET.plus(SLACK));
            assertThat(server.awaitStop(Duration.ZERO)).isTrue();
            assertThat(etcdClosed.await(SLACK.toMillis(), TimeUnit.MILLISECONDS))
                    .as("the client made before the stuck one is still closed").isTrue();
        } finally {
            release.countDown();
        }
    }
}
