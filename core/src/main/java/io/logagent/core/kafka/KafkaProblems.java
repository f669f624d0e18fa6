package io.logagent.core.kafka;

import io.logagent.core.problem.ConnectionProblem;
import io.logagent.core.problem.ConnectionProblem.Kind;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;

import java.security.cert.CertificateExpiredException;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns what a Kafka client throws into a {@link ConnectionProblem} an operator can act on: a wrong password, an
 * unknown CA, a certificate for another host, a missing ACL. Anything else (unreachable, timeouts) is not a problem
 * of the configuration and yields empty: the client retries.
 *
 * <p>Kafka's exceptions do not say which broker refused, so {@code server} is the configured bootstrap list.
 *
 * @param server   the configured {@code [kafka] address}
 * @param security who we are, for "refused user 'agent'"
 * @param needs    what this component must be allowed, for the ACL hint, e.g. {@code Write and Describe on its topics}
 */
public record KafkaProblems(String server, KafkaSecurity security, String needs) {

    public Optional<ConnectionProblem> classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            Optional<ConnectionProblem> p = direct(t);
            if (p.isPresent()) {
                return p;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    private Optional<ConnectionProblem> direct(Throwable t) {
        String who = security.principal();
        if (t instanceof UnsupportedSaslMechanismException) {
            return problem(Kind.AUTHENTICATION, "refused SASL mechanism " + security.mechanism(),
                    "wrong [kafka] sasl_mechanism (the broker does not enable it)");
        }
        if (t instanceof SaslAuthenticationException) {
            return problem(Kind.AUTHENTICATION, "refused " + who,
                    "wrong [kafka] password (or [kafka] username/sasl_mechanism)");
        }
        if (t instanceof SslAuthenticationException) {
            return Optional.of(tls(t));
        }
        if (t instanceof AuthenticationException) {
            return problem(Kind.AUTHENTICATION, "refused " + who + " (" + t.getMessage() + ")",
                    "check [kafka] security_protocol, sasl_mechanism, username and password");
        }
        if (t instanceof TopicAuthorizationException e) {
            String topics = e.unauthorizedTopics() == null || e.unauthorizedTopics().isEmpty() ? "its topics"
                    : "topic(s) " + String.join(", ", e.unauthorizedTopics());
            return problem(Kind.AUTHORIZATION, "refused " + who + " access to " + topics,
                    "missing ACL on the brokers (" + needs + ")");
        }
        if (t instanceof GroupAuthorizationException e) {
            String group = e.groupId() == null ? "its consumer group" : "consumer group '" + e.groupId() + "'";
            return problem(Kind.AUTHORIZATION, "refused " + who + " access to " + group,
                    "missing ACL on the brokers (" + needs + ")");
        }
        if (t instanceof ClusterAuthorizationException) {
            return problem(Kind.AUTHORIZATION, "refused " + who + " a cluster operation (" + t.getMessage() + ")",
                    "missing ACL on the brokers (" + needs + ")");
        }
        return Optional.empty();
    }

    /** TLS failures differ only in the message of the JDK's cause; what the operator must change differs a lot. */
    private ConnectionProblem tls(Throwable t) {
        StringBuilder all = new StringBuilder();
        boolean expired = false;
        for (Throwable c = t; c != null && all.length() < 4000; c = c.getCause()) {
            all.append(' ').append(c.getMessage());
            expired |= c instanceof CertificateExpiredException;
        }
        String m = all.toString().toLowerCase(Locale.ROOT);
        if (expired || m.contains("validity check failed") || m.contains("notafter")) {
            return new ConnectionProblem(Kind.CERTIFICATE, "kafka", server, "presented an expired certificate",
                    "renew the brokers' certificates (or fix this host's clock)");
        }
        if (m.contains("no subject alternative") || m.contains("no name matching")) {
            return new ConnectionProblem(Kind.CERTIFICATE, "kafka", server,
                    "presented a certificate for another host name",
                    "[kafka] address must use a name or IP listed in the broker's certificate (subject alternative names)");
        }
        if (m.contains("pkix") || m.contains("certification path") || m.contains("unknown_ca")) {
            return new ConnectionProblem(Kind.CERTIFICATE, "kafka", server,
                    "presented a certificate not signed by a trusted CA",
                    "wrong [kafka] ssl_ca_file (it must hold the CA that signed the brokers' certificates)");
        }
        if (m.contains("bad_certificate") || m.contains("certificate_required") || m.contains("certificate_unknown")) {
            return new ConnectionProblem(Kind.CERTIFICATE, "kafka", server, "refused this client's certificate",
                    "check [kafka] ssl_cert_file and ssl_key_file (signed by a CA the brokers trust)");
        }
        return new ConnectionProblem(Kind.CERTIFICATE, "kafka", server, "failed the TLS handshake ("
                + rootMessage(t) + ")", "check [kafka] security_protocol and ssl_ca_file");
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    private Optional<ConnectionProblem> problem(Kind kind, String reason, String fix) {
        return Optional.of(new ConnectionProblem(kind, "kafka", server, reason, fix));
    }
}
