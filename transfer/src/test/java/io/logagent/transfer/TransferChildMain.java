package io.logagent.transfer;

import io.logagent.transfer.config.TransferConfig;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A transfer in its own JVM, for tests that kill one abruptly: {@code TransferChildMain <ini>}. It runs until its
 * standard input closes (so a test that dies does not leave it behind) or it is killed.
 */
public final class TransferChildMain {
    private TransferChildMain() {
    }

    public static void main(String[] args) throws Exception {
        TransferService service = TransferService.create(TransferConfig.load(Path.of(args[0])), Clock.systemUTC());
        service.start();
        System.out.println("TransferChildMain started");
        try (InputStream in = System.in) {
            while (in.read() >= 0) {
                // the parent never writes
            }
        }
        service.stop();
        service.awaitStop(Duration.ofSeconds(30));
    }
}
