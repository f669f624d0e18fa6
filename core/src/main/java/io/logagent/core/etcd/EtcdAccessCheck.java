package io.logagent.core.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.logagent.core.problem.ConnectionProblem;
import io.logagent.core.problem.ConnectionProblemException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The first connection at start: reads each key the component needs, within {@code [etcd] timeout}. A credentials,
 * certificate or permission problem is thrown as a {@link ConnectionProblemException} (exit code 2); an etcd that
 * is merely unreachable is not: the component starts and keeps retrying.
 */
public final class EtcdAccessCheck {
    private EtcdAccessCheck() {
    }

    /** @return why etcd could not be read (unreachable), or empty once every key was read */
    public static Optional<Throwable> readAll(Client client, EtcdClientSettings.Values settings, EtcdProblems problems,
                                              List<String> keys) {
        for (String key : keys) {
            try {
                client.getKVClient().get(ByteSequence.from(key, StandardCharsets.UTF_8))
                        .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                Optional<ConnectionProblem> problem = problems.classify(cause, "read " + key);
                if (problem.isPresent()) {
                    throw new ConnectionProblemException(problem.get(), cause);
                }
                return Optional.of(cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
