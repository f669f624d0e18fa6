package io.logagent.console.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logged-in browser sessions, in memory (a restart logs everyone out, which is acceptable for an admin tool).
 * Each session has its own CSRF token, sent back by the page in {@code X-CSRF-Token} on every write.
 * Bounded: at {@link #MAX_SESSIONS} expired sessions are purged, and if still full the login is refused
 * ({@link TooManySessionsException}) rather than evicting someone who is working.
 */
public final class SessionStore {

    public static final int MAX_SESSIONS = 10_000;
    public static final Duration IDLE_TIMEOUT = Duration.ofHours(8);

    public record Session(String id, String user, Role role, String csrfToken, Instant lastSeen) { }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random;
    private final Clock clock;

    public SessionStore(SecureRandom random, Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    public Session create(String user, Role role) {
        if (sessions.size() >= MAX_SESSIONS) {
            purgeExpired();
            if (sessions.size() >= MAX_SESSIONS) {
                throw new TooManySessionsException();
            }
        }
        Session s = new Session(token(), user, role, token(), clock.instant());
        sessions.put(s.id(), s);
        return s;
    }

    /** The live session for a cookie value, its idle timer restarted. */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        Instant now = clock.instant();
        if (s == null || s.lastSeen().plus(IDLE_TIMEOUT).isBefore(now)) {
            if (s != null) {
                sessions.remove(id);
            }
            return Optional.empty();
        }
        Session touched = new Session(s.id(), s.user(), s.role(), s.csrfToken(), now);
        sessions.replace(id, s, touched);
        return Optional.of(touched);
    }

    public void remove(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Ends every session of a user, e.g. after a password or role change. */
    public void removeUser(String user) {
        sessions.values().removeIf(s -> s.user().equals(user));
    }

    public static boolean csrfMatches(Session s, String header) {
        return header != null && MessageDigest.isEqual(s.csrfToken().getBytes(StandardCharsets.UTF_8),
                header.getBytes(StandardCharsets.UTF_8));
    }

    private void purgeExpired() {
        Instant cutoff = clock.instant().minus(IDLE_TIMEOUT);
        sessions.values().removeIf(s -> s.lastSeen().isBefore(cutoff));
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static final class TooManySessionsException extends RuntimeException {
        TooManySessionsException() {
            super("too many open sessions; try again later");
        }
    }
}
