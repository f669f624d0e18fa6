package io.logagent.console.web;

import io.logagent.console.config.ConsoleConfig;
import io.logagent.core.tls.PemFiles;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.security.GeneralSecurityException;

/**
 * The console's only connector when {@code [http] tls_cert_file}/{@code tls_key_file} are set: HTTPS on
 * {@code [http] bind}:{@code port}, TLS 1.2+ (Jetty's defaults exclude weak ciphers), no plain-HTTP listener. The
 * certificate and key are read once, at start; a bad file is a configuration error naming the setting.
 */
final class HttpsConnector {
    private HttpsConnector() {
    }

    /** The SSLContext of the console's certificate, built now so that bad files fail before anything starts. */
    static SSLContext context(ConsoleConfig.Tls tls) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(PemFiles.keyStore(tls.certFile(), ConsoleConfig.HTTP_TLS_CERT_FILE.qualifiedName(),
                    tls.keyFile(), ConsoleConfig.HTTP_TLS_KEY_FILE.qualifiedName()), PemFiles.keyStorePassword());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the console's TLS context from " + tls + ": " + e, e);
        }
    }

    static Connector create(Server server, HttpConfiguration httpConfig, ConsoleConfig.Http http, SSLContext context) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(context);
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        // The host name check belongs to the client; here it would refuse requests to an IP the certificate names.
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        httpConfig.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(server,
                new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(httpConfig));
        connector.setHost(http.bind());
        connector.setPort(http.port());
        return connector;
    }
}
