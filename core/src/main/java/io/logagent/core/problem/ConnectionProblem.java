package io.logagent.core.problem;

import java.util.Objects;

/**
 * A failure to use a server that the operator must fix, said in one line: which kind of server, which address,
 * what it refused and which ini setting to change. For example
 * {@code kafka 127.0.0.1:9093 refused user 'agent': wrong [kafka] password (or [kafka] username/sasl_mechanism)}.
 *
 * <p>The reason and the fix must never hold a secret (a password, a key): they end up in logs and status.
 *
 * @param kind      what went wrong, so callers can decide its fate (all kinds are fatal on the first connection)
 * @param component the kind of server talked to, as the ini section names it: {@code kafka}, {@code etcd}, {@code es}
 * @param server    the address that refused (host:port or URL), or the configured addresses when unknown
 * @param reason    what the server did, e.g. {@code refused user 'agent'}
 * @param fix       the setting(s) to change, e.g. {@code wrong [kafka] password}
 */
public record ConnectionProblem(Kind kind, String component, String server, String reason, String fix) {

    /** The classes of problem an operator fixes in the configuration (or the server's ACLs), not by waiting. */
    public enum Kind {
        /** The server refused the credentials (wrong user, password or mechanism). */
        AUTHENTICATION,
        /** TLS failed: unknown CA, wrong host name, expired or missing certificate. */
        CERTIFICATE,
        /** Authenticated, but not allowed to do this (missing ACL or role). */
        AUTHORIZATION
    }

    public ConnectionProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(fix, "fix");
    }

    /** The operator-facing line: {@code <component> <server> <reason>: <fix>}. */
    public String line() {
        return component + " " + server + " " + reason + (fix.isEmpty() ? "" : ": " + fix);
    }

    @Override
    public String toString() {
        return line();
    }
}
