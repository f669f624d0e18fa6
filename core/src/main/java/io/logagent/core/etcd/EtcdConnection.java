package io.logagent.core.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;

import javax.net.ssl.SSLException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How a component reaches etcd, and the one place where a jetcd {@link Client} is built from it (agent, console
 * and transfer alike), so a new connection option is added once.
 *
 * @param endpoints with scheme, as jetcd needs them
 * @param timeout   connect timeout, and what each component waits for an answer
 * @param caFile    null for the JDK's default trust
 */
public record EtcdConnection(List<URI> endpoints, Duration timeout, String username, String password, Path caFile) {

    public EtcdConnection {
        endpoints = List.copyOf(endpoints);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("[etcd] address must name at least one endpoint");
        }
    }

    /** Endpoints only: no credentials, no TLS trust of its own. */
    public static EtcdConnection plain(List<URI> endpoints, Duration timeout) {
        return new EtcdConnection(endpoints, timeout, "", "", null);
    }

    /** A new client; the caller owns it and closes it. */
    public Client connect() {
        ClientBuilder builder = Client.builder().endpoints(endpoints.toArray(URI[]::new)).connectTimeout(timeout);
        if (!username.isEmpty()) {
            builder.user(ByteSequence.from(username, StandardCharsets.UTF_8))
                    .password(ByteSequence.from(password, StandardCharsets.UTF_8));
        }
        if (caFile != null) {
            try {
                builder.sslContext(ssl -> ssl.trustManager(caFile.toFile()));
            } catch (SSLException e) {
                throw new UncheckedIOException("cannot use [etcd] ca_file " + caFile, e);
            }
        }
        return builder.build();
    }

    @Override
    public String toString() { // keeps the password out of logs
        return "EtcdConnection[endpoints=" + endpoints + ", user=" + username + ", caFile=" + caFile + "]";
    }
}
