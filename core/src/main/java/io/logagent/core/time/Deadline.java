package io.logagent.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A point in time that a sequence of waits shares, so that their total holds: each step waits at most
 * {@link #remaining()} instead of a timeout of its own (a shutdown of five steps of 10 s each is not a 10 s budget).
 */
public record Deadline(Instant at, Clock clock) {

    public static Deadline after(Duration budget, Clock clock) {
        return new Deadline(clock.instant().plus(budget), clock);
    }

    /** Time left, never negative: a step started late waits zero, it does not borrow from the steps after it. */
    public Duration remaining() {
        Duration left = Duration.between(clock.instant(), at);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /**
     * This deadline, or {@code most} from now if that comes first: a step with a limit of its own (a grace period,
     * a per-collector timeout) keeps it only while it fits in what is left.
     */
    public Deadline capped(Duration most) {
        Instant own = clock.instant().plus(most);
        return own.isBefore(at) ? new Deadline(own, clock) : this;
    }

    /**
     * This deadline less a {@code share} of what is left (0–1), for a step that must leave room to the steps after
     * it (e.g. the offset commit after the batches in flight): {@code share} 0.25 of 8 s left ends this step in 6 s.
     */
    public Deadline leaving(double share) {
        Duration keep = Duration.ofNanos((long) (remaining().toNanos() * share));
        return new Deadline(at.minus(keep), clock);
    }

    public boolean expired() {
        return remaining().isZero();
    }
}
