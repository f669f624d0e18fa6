package io.logagent.core.etcd;

import io.grpc.Status;
import io.logagent.core.problem.ConnectionProblem;
import io.logagent.core.problem.ConnectionProblem.Kind;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Turns a failed etcd request into the {@link ConnectionProblem} an operator can act on: wrong password or
 * unknown user, a role lacking the key, or (for TLS clients that cannot connect) what {@link EtcdTlsCheck} finds.
 * Empty means "not a configuration problem": etcd is unreachable or busy, and the caller just retries.
 */
public final class EtcdProblems {
    private final EtcdClientSettings.Values settings;
    private final Clock clock;

    public EtcdProblems(EtcdClientSettings.Values settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * @param access what the request did, for the message: {@code read /logagent/10.0.0.5/collect_config}
     */
    public Optional<ConnectionProblem> classify(Throwable error, String access) {
        String who = settings.username().isEmpty() ? "this client" : "user '" + settings.username() + "'";
        String server = settings.endpointsText();
        for (Throwable t = error; t != null; t = t.getCause()) {
            Status.Code code = Status.fromThrowable(t).getCode();
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (code == Status.Code.UNAUTHENTICATED || message.contains("invalid user id or password")
                    || message.contains("authentication failed")) {
                return Optional.of(new ConnectionProblem(Kind.AUTHENTICATION, "etcd", server, "refused " + who,
                        settings.username().isEmpty() ? "etcd has auth enabled: set [etcd] username and password"
                                : "wrong [etcd] password (or unknown [etcd] username)"));
            }
            if (code == Status.Code.PERMISSION_DENIED || message.contains("permission denied")) {
                return Optional.of(new ConnectionProblem(Kind.AUTHORIZATION, "etcd", server,
                        "refused " + who + " to " + access, "permission denied: grant the role of [etcd] username "
                                + "this key (etcdctl role grant-permission)"));
            }
            if (message.contains("user name is empty") || message.contains("user name not found")) {
                return Optional.of(new ConnectionProblem(Kind.AUTHENTICATION, "etcd", server, "refused " + who,
                        "etcd has auth enabled: set [etcd] username and password (or a client certificate "
                                + "whose CN is an etcd user)"));
            }
        }
        if (settings.tls() && isUnreachable(error)) {
            return new EtcdTlsCheck(settings, clock).check();
        }
        return Optional.empty();
    }

    private static boolean isUnreachable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            Status.Code code = Status.fromThrowable(t).getCode();
            if (t instanceof TimeoutException || code == Status.Code.UNAVAILABLE
                    || code == Status.Code.DEADLINE_EXCEEDED) {
                return true;
            }
        }
        return false;
    }
}
