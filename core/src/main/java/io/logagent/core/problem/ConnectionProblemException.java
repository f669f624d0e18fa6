package io.logagent.core.problem;

import io.logagent.core.ini.ConfigException;

import java.util.Objects;

/**
 * Thrown when the first connection at start meets a {@link ConnectionProblem}: the configuration cannot work, so
 * the process exits like for any other configuration error (code 2) with the problem's line as the message.
 * Later failures are not thrown but reported (see {@link ProblemReporter}) while the client keeps retrying.
 */
public class ConnectionProblemException extends ConfigException {
    private final transient ConnectionProblem problem;

    public ConnectionProblemException(ConnectionProblem problem, Throwable cause) {
        super(Objects.requireNonNull(problem, "problem").line(), cause);
        this.problem = problem;
    }

    public ConnectionProblem problem() {
        return problem;
    }
}
