package io.logagent.transfer.index;

/** The cluster could not take the request right now (down, overloaded, timed out): retry the same work later. */
public final class RetriableIndexException extends Exception {
    public RetriableIndexException(String message, Throwable cause) {
        super(message, cause);
    }

    public RetriableIndexException(String message) {
        super(message);
    }
}
