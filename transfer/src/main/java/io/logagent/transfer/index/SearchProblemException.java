package io.logagent.transfer.index;

import io.logagent.core.problem.ConnectionProblem;

import java.io.IOException;

/**
 * The cluster refused us for a reason the operator must fix (credentials, privileges, certificate). An
 * {@link IOException} so that every caller already treats it as "no usable answer" and retries with backoff; at
 * start the transfer turns the first one into an exit with code 2 instead.
 */
public final class SearchProblemException extends IOException {
    private final transient ConnectionProblem problem;

    public SearchProblemException(ConnectionProblem problem, Throwable cause) {
        super(problem.line(), cause);
        this.problem = problem;
    }

    public ConnectionProblem problem() {
        return problem;
    }
}
