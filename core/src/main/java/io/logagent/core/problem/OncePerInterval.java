package io.logagent.core.problem;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets each distinct key through at most once per interval and counts what it held back, so a client that fails
 * every half second logs one line a minute instead of a flood, and that line says how many it stands for.
 * Thread-safe; keys not seen for an interval are forgotten, so the map stays as small as the set of live errors.
 */
public final class OncePerInterval {
    private final Clock clock;
    private final Duration interval;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** When a key was last let through, and how many times it was held back since. */
    private record Window(Instant opened, long suppressed) { }

    public OncePerInterval(Clock clock, Duration interval) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        this.interval = interval;
    }

    /** One line per distinct error per minute. */
    public static OncePerInterval perMinute(Clock clock) {
        return new OncePerInterval(clock, Duration.ofMinutes(1));
    }

    /**
     * Whether {@code key} may be acted on now. Empty when it was let through less than an interval ago (the call
     * is counted); otherwise the number of calls held back since it was last let through.
     */
    public OptionalLong admit(String key) {
        Instant now = clock.instant();
        long[] heldBack = {-1};
        windows.compute(key, (k, w) -> {
            if (w == null || !now.isBefore(w.opened().plus(interval))) {
                heldBack[0] = w == null ? 0 : w.suppressed();
                return new Window(now, 0);
            }
            return new Window(w.opened(), w.suppressed() + 1);
        });
        if (heldBack[0] >= 0) {
            forgetOlderThan(now.minus(interval.multipliedBy(2)));
        }
        return heldBack[0] < 0 ? OptionalLong.empty() : OptionalLong.of(heldBack[0]);
    }

    private void forgetOlderThan(Instant cutoff) {
        windows.entrySet().removeIf(e -> e.getValue().opened().isBefore(cutoff));
    }
}
