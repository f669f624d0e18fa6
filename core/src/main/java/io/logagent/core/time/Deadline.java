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

    public boolean expired() {
        return remaining().isZero();
    }
}
