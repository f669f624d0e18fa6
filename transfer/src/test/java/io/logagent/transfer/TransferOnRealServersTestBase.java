package io.logagent.transfer;

import io.logagent.stack.junit.RealServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The set-up the Kafka → index integration tests share: a {@link RealStack} on the real servers and one
 * {@link TransferUnderTest}. After each test (and after the subclass's own tear-down) the transfer is stopped, and
 * the stack closed even when stopping fails.
 */
@ExtendWith(RealServers.class)
abstract class TransferOnRealServersTestBase {

    final RealStack stack;
    final TransferUnderTest transfer = new TransferUnderTest();

    TransferOnRealServersTestBase(RealStack stack) {
        this.stack = stack;
    }

    @AfterEach
    void stopTransferAndCloseStack() throws InterruptedException {
        try {
            transfer.stop();
        } finally {
            stack.close();
        }
    }
}
