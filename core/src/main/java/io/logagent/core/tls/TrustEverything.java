package io.logagent.core.tls;

import java.net.Socket;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts every server certificate and host name: only for {@code insecure_skip_verify}, and for the local stack's
 * readiness probes ("does it serve?", of servers tests give broken certificates on purpose). It must be an
 * {@link X509ExtendedTrustManager}: the JDK performs host name verification inside such a manager (and wraps a
 * plain {@code X509TrustManager} in one that still checks the host), so this one really skips both checks for
 * Apache HttpClient and the JDK's HttpClient alike.
 */
public final class TrustEverything extends X509ExtendedTrustManager {
    public static final TrustEverything INSTANCE = new TrustEverything();

    private TrustEverything() {
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        throw new UnsupportedOperationException("client side only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        throw new UnsupportedOperationException("client side only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException("client side only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // insecure_skip_verify: deliberately nothing
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // insecure_skip_verify: deliberately nothing
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // insecure_skip_verify: deliberately nothing
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
