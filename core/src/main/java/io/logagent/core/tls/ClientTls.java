package io.logagent.core.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** Client {@link SSLContext}s: trusting one CA file, the JDK's trust store, or (insecure) everything. */
public final class ClientTls {
    private ClientTls() {
    }

    /**
     * Trusts only the certificates of {@code caFile} when present, else the JDK's default trust store; host names
     * are verified by the HTTP client against the certificate as usual.
     */
    public static SSLContext verifying(Optional<Path> caFile, String caSetting) {
        try {
            if (caFile.isEmpty()) {
                return SSLContext.getDefault();
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(PemFiles.trustStore(caFile.get(), caSetting));
            return context(tmf.getTrustManagers());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot build a TLS context: " + e, e);
        }
    }

    /** Trusts any certificate for any host name. */
    public static SSLContext trustingEverything() {
        return context(new TrustManager[] {TrustEverything.INSTANCE});
    }

    private static SSLContext context(TrustManager[] trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot build a TLS context: " + e, e);
        }
    }
}
