package io.logagent.console.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts failed logins per key (client IP, and separately user name) in a sliding window. After
 * {@code maxFailures} failures within {@code window} further attempts for that key are refused until the oldest
 * failure leaves the window. Password guessing is thus limited both from one address and against one account.
 *
 * <p>Bounded: at most {@link #MAX_KEYS} keys are tracked; when full, the least recently failing key is dropped
 * (an attacker flooding keys can only make the limiter forget old keys, not grow memory).
 */
public final class LoginRateLimiter {

    static final int MAX_KEYS = 10_000;

    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final LinkedHashMap<String, Deque<Instant>> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > MAX_KEYS;
        }
    };

    public LoginRateLimiter(Clock clock, int maxFailures, Duration window) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /** How long {@code key} must wait before it may try again; zero when it may try now. */
    public synchronized Duration retryAfter(String key) {
        Deque<Instant> list = failures.get(key);
        if (list == null) {
            return Duration.ZERO;
        }
        Instant now = clock.instant();
        while (!list.isEmpty() && !list.peekFirst().plus(window).isAfter(now)) {
            list.pollFirst();
        }
        if (list.size() < maxFailures) {
            return Duration.ZERO;
        }
        return Duration.between(now, list.peekFirst().plus(window));
    }

    public synchronized void failed(String key) {
        Deque<Instant> list = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        list.addLast(clock.instant());
        while (list.size() > maxFailures) {
            list.pollFirst();
        }
    }

    public synchronized void succeeded(String key) {
        failures.remove(key);
    }
}
