package io.logagent.stack.tls;

import io.logagent.core.tls.TrustEverything;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** JDK {@link SSLContext}s from a {@link CertificateAuthority}, for probes and test clients of TLS servers. */
public final class TlsContexts {
    private TlsContexts() {
    }

    /**
     * Trusts only {@code ca}; presents {@code clientOrNull}'s certificate when the server asks for one.
     */
    public static SSLContext client(CertificateAuthority ca, CertificateAuthority.Identity clientOrNull) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(ca.truststore(), ca.password()));
            KeyManagerFactory keys = null;
            if (clientOrNull != null) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(clientOrNull.keystore(), clientOrNull.password()), clientOrNull.password().toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a TLS context from " + ca.truststore(), e);
        }
    }

    /**
     * Accepts any server certificate (no CA, expiry or host check) and presents {@code clientOrNull}'s: for
     * readiness probes, which ask "does it serve?", of servers that tests give broken certificates on purpose
     * (wrong host, expired). Never for a client whose answer is trusted.
     */
    public static SSLContext probe(CertificateAuthority.Identity clientOrNull) {
        try {
            KeyManagerFactory keys = null;
            if (clientOrNull != null) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(clientOrNull.keystore(), clientOrNull.password()), clientOrNull.password().toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), new TrustManager[] {TrustEverything.INSTANCE}, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a probe TLS context", e);
        }
    }

    private static KeyStore load(Path file, String password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }
}
