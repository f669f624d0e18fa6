package io.logagent.transfer;

import io.logagent.transfer.config.TransferConfig;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The transfer a test runs in its own JVM: one at a time, and {@link #stop()} in the test's tear-down ends it. */
final class TransferUnderTest {

    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private TransferService service;

    /** Creates and starts a transfer for {@code config}; the one started before must have been stopped. */
    TransferService start(TransferConfig config) {
        assertThat(service).as("a transfer is still running").isNull();
        service = TransferService.create(config, Clock.systemUTC());
        service.start();
        return service;
    }

    /**
     * Stops the running transfer, if any, and asserts that it ends within {@link #STOP_WAIT}; returns it so that a
     * test can also check how it ended.
     */
    Optional<TransferService> stop() throws InterruptedException {
        if (service == null) {
            return Optional.empty();
        }
        TransferService stopped = service;
        service = null;
        stopped.stop();
        assertThat(stopped.awaitStop(STOP_WAIT)).isTrue();
        return Optional.of(stopped);
    }
}
