package io.logagent.core.search;

import io.logagent.core.problem.ConnectionProblem;
import io.logagent.core.problem.ConnectionProblem.Kind;

import java.net.URI;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Optional;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Turns what OpenSearch/Elasticsearch (or the TLS in front of it) did into a {@link ConnectionProblem} the
 * operator can act on: a 401 or 403 answer, or a failed TLS handshake (unknown CA, wrong host name, expired
 * certificate, a server that does not speak TLS). Everything else (refused, reset, timed out, 5xx) is not a
 * problem of the configuration: callers retry it.
 */
public final class SearchProblems {
    /** The component, as the ini section names it. */
    public static final String COMPONENT = "es";
    private static final String ADDRESS = SearchClientSettings.ADDRESS.qualifiedName();
    private static final String USERNAME = SearchClientSettings.USERNAME.qualifiedName();
    private static final String PASSWORD = SearchClientSettings.PASSWORD.qualifiedName();
    private static final String CA_FILE = SearchClientSettings.CA_FILE.qualifiedName();

    private SearchProblems() {
    }

    /**
     * A 401 or 403 answer to {@code request} (e.g. {@code POST /_bulk}) as a problem; empty for any other status.
     */
    public static Optional<ConnectionProblem> ofStatus(URI server, int status, SearchClientOptions options,
                                                       String request) {
        String user = options.username();
        if (status == 401) {
            return Optional.of(user.isEmpty()
                    ? new ConnectionProblem(Kind.AUTHENTICATION, COMPONENT, server.toString(), "asks for a login",
                            "set " + USERNAME + " and " + PASSWORD)
                    : new ConnectionProblem(Kind.AUTHENTICATION, COMPONENT, server.toString(),
                            "refused user '" + user + "'", "wrong " + PASSWORD + " (or " + USERNAME + ")"));
        }
        if (status == 403) {
            return Optional.of(new ConnectionProblem(Kind.AUTHORIZATION, COMPONENT, server.toString(),
                    "denied user '" + user + "' " + request, "grant the role of " + USERNAME
                    + " that privilege (see README, Pointing at existing clusters)"));
        }
        return Optional.empty();
    }

    /** A failed TLS handshake as a problem; empty for failures that are not about TLS (refused, timeout, …). */
    public static Optional<ConnectionProblem> ofFailure(URI server, Throwable failure, SearchClientOptions options) {
        SSLException tls = find(failure, SSLException.class);
        if (tls == null) {
            return Optional.empty();
        }
        String s = server.toString();
        if (find(failure, CertificateExpiredException.class) != null || expired(failure)) {
            return Optional.of(new ConnectionProblem(Kind.CERTIFICATE, COMPONENT, s,
                    "presented an expired certificate", "renew the cluster's HTTPS certificate (" + ADDRESS + ")"));
        }
        if (find(failure, CertificateNotYetValidException.class) != null) {
            return Optional.of(new ConnectionProblem(Kind.CERTIFICATE, COMPONENT, s,
                    "presented a certificate that is not valid yet", "check the clocks and the cluster's certificate"));
        }
        String text = messages(failure);
        if (text.contains("No subject alternative") || text.contains("No name matching")) {
            return Optional.of(new ConnectionProblem(Kind.CERTIFICATE, COMPONENT, s,
                    "presented a certificate that does not name host " + server.getHost(), "use in " + ADDRESS
                    + " a host name the certificate holds (or reissue it with this one)"));
        }
        if (find(failure, CertPathBuilderException.class) != null || text.contains("unable to find valid certification path")) {
            return Optional.of(new ConnectionProblem(Kind.CERTIFICATE, COMPONENT, s,
                    "presented a certificate signed by an unknown CA", options.caFile()
                    .map(ca -> CA_FILE + " " + ca + " is not the CA that signed it")
                    .orElse("set " + CA_FILE + " to the PEM file of the CA that signed it")));
        }
        if (text.contains("Unsupported or unrecognized SSL message")) {
            return Optional.of(new ConnectionProblem(Kind.CERTIFICATE, COMPONENT, s, "does not speak TLS",
                    "use http:// in " + ADDRESS));
        }
        if (tls instanceof SSLHandshakeException) {
            return Optional.of(new ConnectionProblem(Kind.CERTIFICATE, COMPONENT, s,
                    "failed the TLS handshake (" + tls.getMessage() + ")", "check " + CA_FILE
                    + " and the cluster's certificate"));
        }
        return Optional.empty();
    }

    private static boolean expired(Throwable failure) {
        CertPathValidatorException e = find(failure, CertPathValidatorException.class);
        return e != null && e.getReason() == CertPathValidatorException.BasicReason.EXPIRED;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String messages(Throwable failure) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            b.append(t.getMessage()).append('\n');
        }
        return b.toString();
    }
}
