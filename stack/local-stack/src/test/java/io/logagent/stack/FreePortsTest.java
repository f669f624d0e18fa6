package io.logagent.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void picksDistinctBindablePortsBelowTheEphemeralRange() throws Exception {
        int[] ports = FreePorts.pick(5);
        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(5);
        // Linux's default ephemeral range starts at 32768; CI machines here keep it.
        assertThat(Arrays.stream(ports).boxed()).allMatch(port -> port >= 15_000 && port < 32_768);
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }
}
