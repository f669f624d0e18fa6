package io.logagent.agent.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/**
 * Finds the IP this host is known by, as the seed did: "connect" a UDP socket to a public address (no packet is
 * sent, the kernel only picks the route) and read the local address it chose. Without a route (an offline host),
 * the first non-loopback site-local IPv4 address of an up interface is used.
 */
public class HostAddress {
    private static final Logger log = LoggerFactory.getLogger(HostAddress.class);
    private static final InetSocketAddress PROBE = new InetSocketAddress("8.8.8.8", 80);

    public String detect() {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(PROBE);
            InetAddress local = socket.getLocalAddress();
            if (local != null && !local.isAnyLocalAddress() && !local.isLoopbackAddress()) {
                return local.getHostAddress();
            }
        } catch (IOException | RuntimeException e) {
            log.info("no route to {} to detect the host IP ({}); looking at the interfaces", PROBE, e.toString());
        }
        return firstSiteLocalAddress();
    }

    private static String firstSiteLocalAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && a.isSiteLocalAddress()) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            throw new UncheckedIOException("cannot list network interfaces to find the host IP; set [agent] ip", e);
        }
        throw new IllegalStateException("no non-loopback IPv4 address found; set [agent] ip or pass the IP explicitly");
    }
}
