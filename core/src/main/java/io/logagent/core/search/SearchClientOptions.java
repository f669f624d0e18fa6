package io.logagent.core.search;

import io.logagent.core.tls.ClientTls;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import org.slf4j.Logger;

/**
 * How to reach OpenSearch/Elasticsearch, parsed from {@link SearchClientSettings}: the one place where the transfer
 * and the console get their TLS context and their {@code Authorization} header.
 *
 * @param addresses          node URLs, http or https
 * @param username           empty: no credentials
 * @param caFile             the CA to trust; empty: the JDK's trust store
 * @param insecureSkipVerify trust any certificate and host name
 */
public record SearchClientOptions(List<URI> addresses, String username, String password, Optional<Path> caFile,
                                  boolean insecureSkipVerify) {
    public SearchClientOptions {
        addresses = List.copyOf(addresses);
    }

    /**
     * The TLS context of every https address: verifying the server's certificate and host name against
     * {@code [es] ca_file} (or the JDK's CAs), unless {@code insecure_skip_verify}, which is logged on {@code log}
     * as a WARN every time a client is built (at start).
     */
    public SSLContext sslContext(Logger log, String component) {
        if (insecureSkipVerify) {
            log.warn("INSECURE: {} accepts ANY certificate from {} because {}=true: anyone on the network path can "
                    + "read and change what it sends, password included. Set {} instead.", component, addresses,
                    SearchClientSettings.INSECURE_SKIP_VERIFY.qualifiedName(),
                    SearchClientSettings.CA_FILE.qualifiedName());
            return ClientTls.trustingEverything();
        }
        return ClientTls.verifying(caFile, SearchClientSettings.CA_FILE.qualifiedName());
    }

    /** {@code Basic …} for the username and password, or empty when no username is set. */
    public Optional<String> authorization() {
        if (username.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() { // never the password
        return "SearchClientOptions[addresses=" + addresses + ", username=" + username + ", caFile="
                + caFile.map(Path::toString).orElse("(JDK trust store)") + ", insecureSkipVerify=" + insecureSkipVerify + "]";
    }
}
