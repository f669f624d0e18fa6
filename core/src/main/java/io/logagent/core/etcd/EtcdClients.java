package io.logagent.core.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.grpc.netty.GrpcSslContexts;
import io.logagent.core.ini.ConfigException;
import io.netty.handler.ssl.SslContextBuilder;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one place a jetcd {@link Client} is built from {@code [etcd]} settings, for every component: endpoints with
 * their scheme; TLS for https:// endpoints or a ca_file (trusting ca_file, else the JDK's CAs); a client
 * certificate from cert_file + key_file; etcd's user/password auth from username/password.
 */
public final class EtcdClients {
    private EtcdClients() {
    }

    /** A new client; the caller owns it and closes it. Files that cannot be read are a {@link ConfigException}. */
    public static Client create(EtcdClientSettings.Values settings) {
        ClientBuilder builder = Client.builder().endpoints(settings.endpoints().toArray(URI[]::new))
                .connectTimeout(settings.timeout())
                // jetcd retries an unreachable server (and a failed TLS handshake, which looks the same) until
                // this: bounded, so a request fails with its cause instead of only timing out; callers retry.
                .retryMaxDuration(settings.timeout());
        if (!settings.username().isEmpty()) {
            builder.user(ByteSequence.from(settings.username(), StandardCharsets.UTF_8))
                    .password(ByteSequence.from(settings.password(), StandardCharsets.UTF_8));
        }
        if (settings.tls()) {
            builder.sslContext(sslContext(settings));
        }
        return builder.build();
    }

    private static io.netty.handler.ssl.SslContext sslContext(EtcdClientSettings.Values settings) {
        SslContextBuilder ssl = GrpcSslContexts.forClient();
        Path ca = settings.caFile();
        if (ca != null) {
            try {
                ssl.trustManager(readable(ca, EtcdClientSettings.CA_FILE.key()).toFile());
            } catch (IllegalArgumentException e) { // Netty: "File does not contain valid certificates"
                throw new ConfigException("[etcd] ca_file " + ca + ": not a PEM certificate (" + e.getMessage() + ")", e);
            }
        }
        if (settings.certFile() != null) {
            try {
                ssl.keyManager(readable(settings.certFile(), EtcdClientSettings.CERT_FILE.key()).toFile(),
                        readable(settings.keyFile(), EtcdClientSettings.KEY_FILE.key()).toFile());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("[etcd] cert_file " + settings.certFile() + " / key_file " + settings.keyFile()
                        + ": not a PEM certificate and unencrypted PKCS#8 key (" + e.getMessage() + ")", e);
            }
        }
        try {
            return ssl.build();
        } catch (Exception e) { // SSLException: the files parse but do not make a TLS context
            throw new ConfigException("[etcd] ca_file/cert_file/key_file: cannot use " + ca + ", "
                    + settings.certFile() + ", " + settings.keyFile() + ": " + e.getMessage(), e);
        }
    }

    private static Path readable(Path file, String key) {
        if (!Files.isReadable(file)) {
            throw new ConfigException("[etcd] " + key + ": cannot read " + file);
        }
        return file;
    }
}
