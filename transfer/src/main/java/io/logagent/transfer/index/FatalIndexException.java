package io.logagent.transfer.index;

/**
 * The cluster refuses us in a way retrying cannot fix (bad credentials, a forbidden index, an API we do not speak).
 * The transfer stops with this as its failure instead of retrying forever in silence.
 */
public final class FatalIndexException extends RuntimeException {
    public FatalIndexException(String message) {
        super(message);
    }
}
