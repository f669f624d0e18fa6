package io.logagent.core.etcd;

import io.grpc.Status;
import io.logagent.core.problem.ConnectionProblem;
import io.logagent.core.problem.ConnectionProblem.Kind;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

/** The shapes jetcd 0.8 gives etcd 3.4's refusals (seen against real servers in EtcdSecurityIT). */
class EtcdProblemsTest {
    private static final List<URI> ENDPOINTS = List.of(URI.create("http://10.0.0.5:2379"), URI.create("http://10.0.0.6:2379"));
    private final EtcdProblems agent = new EtcdProblems(new EtcdClientSettings.Values(ENDPOINTS, Duration.ofSeconds(1),
            "agent", "secret", null, null, null), Clock.systemUTC());

    @Test
    void aWrongPasswordNamesTheUserAndTheSetting() {
        // jetcd: UNAUTHENTICATED wrapping etcd's INVALID_ARGUMENT "authentication failed, invalid user ID or password"
        Throwable error = new ExecutionException(Status.UNAUTHENTICATED.withCause(Status.INVALID_ARGUMENT
                .withDescription("etcdserver: authentication failed, invalid user ID or password").asRuntimeException())
                .asRuntimeException());
        ConnectionProblem p = agent.classify(error, "read /k").orElseThrow();
        assertThat(p.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(p.line()).isEqualTo("etcd http://10.0.0.5:2379,http://10.0.0.6:2379 refused user 'agent': "
                + "wrong [etcd] password (or unknown [etcd] username)").doesNotContain("secret");
    }

    @Test
    void aMissingPermissionNamesTheKey() {
        Throwable error = new CompletionException(Status.PERMISSION_DENIED
                .withDescription("etcdserver: permission denied").asRuntimeException());
        ConnectionProblem p = agent.classify(error, "write /logagent/status/10.0.0.5").orElseThrow();
        assertThat(p.kind()).isEqualTo(Kind.AUTHORIZATION);
        assertThat(p.line()).startsWith("etcd http://10.0.0.5:2379,http://10.0.0.6:2379 refused user 'agent' to write "
                + "/logagent/status/10.0.0.5: permission denied");
    }

    @Test
    void anUnreachablePlaintextEtcdIsNotAConfigurationProblem() {
        assertThat(agent.classify(Status.UNAVAILABLE.withDescription("io exception").asRuntimeException(), "read /k"))
                .isEmpty();
        assertThat(agent.classify(new java.util.concurrent.TimeoutException(), "read /k")).isEmpty();
    }
}
