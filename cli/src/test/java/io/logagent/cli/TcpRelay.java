package io.logagent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Forwards TCP connections from another loopback address ({@code 127.0.0.2}) to a server on 127.0.0.1, bytes
 * untouched: a TLS client then meets the server's real certificate under a name the certificate does not list,
 * which is how a wrong host (or a certificate issued for another host) looks to it.
 */
final class TcpRelay implements AutoCloseable {
    private final ServerSocket server;
    private final Thread acceptor;

    TcpRelay(String bindAddress, int targetPort) throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), 0));
        acceptor = new Thread(() -> accept(targetPort), "tcp-relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String address() {
        return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    private void accept(int targetPort) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket("127.0.0.1", targetPort);
                pump(client, target);
                pump(target, client);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // either side closed: the other pump ends too
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // nothing left to release
                }
            }
        }, "tcp-relay-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
