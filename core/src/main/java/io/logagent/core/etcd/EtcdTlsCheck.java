package io.logagent.core.etcd;

import io.logagent.core.problem.ConnectionProblem;
import io.logagent.core.problem.ConnectionProblem.Kind;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Says why TLS with etcd fails. jetcd (gRPC) only ever reports a failed handshake as "unavailable" and retries
 * it, so when a TLS client cannot reach etcd we redo the handshake with the JDK, with the same files, and name
 * what is wrong: unknown CA, certificate for another host, expired certificate, client certificate missing or
 * refused. Used only after a failure, so its cost (one handshake per endpoint) does not matter.
 */
public final class EtcdTlsCheck {
    private final EtcdClientSettings.Values settings;
    private final Clock clock;

    public EtcdTlsCheck(EtcdClientSettings.Values settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** The first TLS problem among the endpoints; empty when every reachable endpoint completes TLS. */
    public Optional<ConnectionProblem> check() {
        Optional<ConnectionProblem> local = ownCertificate();
        if (local.isPresent()) {
            return local;
        }
        SSLContext context;
        try {
            context = context();
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            return Optional.of(problem(settings.endpointsText(), "cannot be reached: the TLS files cannot be used ("
                    + e.getMessage() + ")", "check [etcd] ca_file, cert_file and key_file"));
        }
        for (URI endpoint : settings.endpoints()) {
            Optional<ConnectionProblem> p = handshake(context, endpoint);
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    /** An expired cert_file is refused by etcd with a bare "bad certificate": say so before asking it. */
    private Optional<ConnectionProblem> ownCertificate() {
        if (settings.certFile() == null) {
            return Optional.empty();
        }
        try {
            for (X509Certificate cert : certificates(settings.certFile())) {
                cert.checkValidity(Date.from(clock.instant()));
                break; // only the leaf is ours to renew
            }
        } catch (CertificateExpiredException e) {
            return Optional.of(problem(settings.endpointsText(), "will refuse this client's certificate",
                    "[etcd] cert_file " + settings.certFile() + " has expired; renew it"));
        } catch (GeneralSecurityException | IOException e) {
            return Optional.empty(); // not yet valid or unreadable: the handshake below tells
        }
        return Optional.empty();
    }

    private Optional<ConnectionProblem> handshake(SSLContext context, URI endpoint) {
        String server = endpoint.toString();
        if (!"https".equals(endpoint.getScheme())) {
            return Optional.empty();
        }
        int timeout = (int) Math.min(settings.timeout().toMillis(), 10_000);
        try (Socket plain = new Socket()) {
            try {
                plain.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), timeout);
                plain.setSoTimeout(timeout);
            } catch (IOException e) {
                return Optional.empty(); // unreachable, not a TLS problem: callers keep retrying
            }
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, endpoint.getHost(),
                    endpoint.getPort(), false)) {
                SSLParameters params = tls.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS"); // what gRPC checks: the name in the address
                tls.setSSLParameters(params);
                tls.startHandshake();
                // With TLS 1.3 the server judges our certificate after the handshake: its verdict comes on read.
                tls.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: " + endpoint.getHost()
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                tls.getOutputStream().flush();
                if (tls.getInputStream().read() < 0) {
                    return Optional.of(certificateRefused(server, "closed the connection after the TLS handshake"));
                }
                return Optional.empty();
            } catch (SSLException e) {
                return Optional.of(classify(server, e));
            } catch (IOException e) {
                // Connected, then dropped during TLS: Go servers often close (reset) right after a refusing alert.
                return Optional.of(certificateRefused(server, "dropped the connection during TLS: " + e.getMessage()));
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private ConnectionProblem classify(String server, SSLException e) {
        StringBuilder all = new StringBuilder();
        boolean expired = false;
        for (Throwable c = e; c != null; c = c.getCause()) {
            all.append(' ').append(c.getMessage());
            expired |= c instanceof CertificateExpiredException;
        }
        String m = all.toString().toLowerCase(Locale.ROOT);
        if (expired || m.contains("notafter")) {
            return problem(server, "presented an expired certificate",
                    "renew etcd's --cert-file (or fix this host's clock)");
        }
        if (m.contains("no subject alternative") || m.contains("no name matching")) {
            return problem(server, "presented a certificate for another host",
                    "[etcd] address must use a name or IP in etcd's certificate (subject alternative names)");
        }
        if (m.contains("pkix") || m.contains("certification path")) {
            return problem(server, "presented a certificate not signed by a trusted CA", settings.caFile() == null
                    ? "set [etcd] ca_file to the CA that signed etcd's certificate"
                    : "wrong [etcd] ca_file " + settings.caFile() + " (not the CA that signed etcd's certificate)");
        }
        if (m.contains("certificate_required") || m.contains("bad_certificate") || m.contains("unknown_ca")
                || m.contains("certificate_unknown")) {
            return certificateRefused(server, "refused the TLS handshake (" + e.getMessage() + ")");
        }
        if (m.contains("unrecognized ssl message") || m.contains("plaintext")) {
            return problem(server, "does not speak TLS", "use http:// in [etcd] address, or enable TLS on etcd");
        }
        return problem(server, "failed the TLS handshake (" + e.getMessage() + ")",
                "check [etcd] address, ca_file, cert_file and key_file");
    }

    private ConnectionProblem certificateRefused(String server, String what) {
        return settings.certFile() == null
                ? problem(server, "requires a client certificate (" + what + ")", "set [etcd] cert_file and key_file")
                : problem(server, "refused this client's certificate (" + what + ")",
                        "[etcd] cert_file must be signed by the CA etcd trusts (--trusted-ca-file)");
    }

    private static ConnectionProblem problem(String server, String reason, String fix) {
        return new ConnectionProblem(Kind.CERTIFICATE, "etcd", server, reason, fix);
    }

    private SSLContext context() throws GeneralSecurityException, IOException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (settings.caFile() == null) {
            trust.init((KeyStore) null);
        } else {
            KeyStore store = emptyStore();
            int i = 0;
            for (X509Certificate ca : certificates(settings.caFile())) {
                store.setCertificateEntry("ca-" + i++, ca);
            }
            trust.init(store);
        }
        KeyManagerFactory keys = null;
        if (settings.certFile() != null) {
            KeyStore store = emptyStore();
            char[] none = new char[0];
            store.setKeyEntry("client", privateKey(settings.keyFile()), none,
                    certificates(settings.certFile()).toArray(X509Certificate[]::new));
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, none);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        return store;
    }

    private static List<X509Certificate> certificates(Path pem) throws GeneralSecurityException, IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends java.security.cert.Certificate> all =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            return all.stream().map(X509Certificate.class::cast).toList();
        }
    }

    /** Unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}), RSA or EC: what Netty's keyManager(cert, key) takes too. */
    private static PrivateKey privateKey(Path pem) throws GeneralSecurityException, IOException {
        String text = Files.readString(pem);
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < 0) {
            throw new GeneralSecurityException("[etcd] key_file " + pem + " is not an unencrypted PKCS#8 PEM key");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + 27, end));
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException notRsa) {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        }
    }
}
