package io.logagent.agent.tail;

/**
 * When a file whose delivery or reading failed is read again: 1 s after the first failure, doubling up to
 * {@code max_retry_backoff_ms}, and back to 1 s once delivery made progress past the offset of the last failure.
 * Collector thread only.
 */
final class RetryBackoff {

    private static final long FIRST_BACKOFF_MS = 1000;

    private final long maxMs;
    private long backoffMs;
    private long retryAt;
    private long ackedAtFailure = -1;

    RetryBackoff(long maxMs) {
        this.maxMs = maxMs;
    }

    /** A failure at {@code now}, with {@code acked} acknowledged; returns the wait before the next try. */
    long failed(long now, long acked) {
        backoffMs = backoffMs == 0 ? FIRST_BACKOFF_MS : Math.min(backoffMs * 2, maxMs);
        retryAt = now + backoffMs;
        ackedAtFailure = acked;
        return backoffMs;
    }

    boolean due(long now) {
        return now >= retryAt;
    }

    /** Delivering again past the failure: the next failure starts with a short backoff. */
    void progressed(long acked) {
        if (backoffMs > 0 && acked > ackedAtFailure) {
            backoffMs = 0;
        }
    }
}
