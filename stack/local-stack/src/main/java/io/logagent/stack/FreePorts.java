package io.logagent.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks ports that are free on 127.0.0.1 right now, preferably below the kernel's ephemeral range.
 *
 * <p>Why not simply port 0: the kernel hands out port-0 listeners and the local side of every outgoing connection
 * from the ephemeral range, so while a server is stopped for a restart test, any client connection on the machine
 * may take its port, and the restart on the same port fails. Ports below that range are only taken by explicit
 * binds. Port 0 remains the fallback.
 */
final class FreePorts {
    private static final int LOWEST = 15_000;
    private static final int ATTEMPTS = 200;

    private FreePorts() {
    }

    /** Returns {@code count} distinct ports; all stay bound until every one is chosen, so none repeats. */
    static int[] pick(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = bindOutsideEphemeralRange();
                if (socket == null) {
                    socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                }
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free ports on 127.0.0.1", e);
        } finally {
            sockets.forEach(FreePorts::closeQuietly);
        }
    }

    private static ServerSocket bindOutsideEphemeralRange() {
        int highest = ephemeralRangeStart() - 1;
        if (highest <= LOWEST) {
            return null;
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
            try {
                ServerSocket socket = new ServerSocket();
                socket.setReuseAddress(false);
                try {
                    socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
                    return socket;
                } catch (IOException inUse) {
                    closeQuietly(socket);
                }
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    /** Linux's {@code ip_local_port_range} start; 32768 (the Linux default) where it cannot be read. */
    private static int ephemeralRangeStart() {
        try {
            // readAllLines, not readString: on procfs readString returned only the first byte ("3") in JDK 17 and 25.
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the port is released either way
        }
    }
}
