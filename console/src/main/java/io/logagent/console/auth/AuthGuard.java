package io.logagent.console.auth;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.security.BasicAuthCredentials;
import io.javalin.security.RouteRole;
import io.logagent.console.web.ApiError;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Runs before every matched route that declares roles (routes without roles are public: the page, /health).
 * Accepts a session cookie (browser; writes need the session's CSRF token in {@code X-CSRF-Token}) or HTTP Basic
 * (scripts; no CSRF needed because browsers never attach Basic credentials to cross-site requests on their own
 * unless the user typed them into a Basic prompt, which this console never triggers).
 */
public final class AuthGuard {

    public static final String SESSION_COOKIE = "logagent_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    private final UserStore users;
    private final SessionStore sessions;
    private final LoginRateLimiter perIp;
    private final LoginRateLimiter perUser;

    /**
     * {@code perIp} should allow more failures than {@code perUser}: many people may share one address (NAT), while
     * one account under attack is locked quickly whatever address the guesses come from.
     */
    public AuthGuard(UserStore users, SessionStore sessions, LoginRateLimiter perIp, LoginRateLimiter perUser) {
        this.users = users;
        this.sessions = sessions;
        this.perIp = perIp;
        this.perUser = perUser;
    }

    public void check(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.isEmpty()) {
            return;
        }
        Role required = roles.stream().map(Role.class::cast).max(Role::compareTo).orElseThrow();
        Principal principal = identify(ctx);
        if (!principal.role().allows(required)) {
            throw new ApiError(403, "user '" + principal.user() + "' (" + principal.role().name().toLowerCase()
                    + ") may not do this; it needs the " + required.name().toLowerCase() + " role");
        }
        if (principal.session() != null && !SAFE.contains(ctx.method())
                && !SessionStore.csrfMatches(principal.session(), ctx.header(CSRF_HEADER))) {
            throw new ApiError(403, "missing or wrong " + CSRF_HEADER + " header");
        }
        principal.attach(ctx);
    }

    private Principal identify(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            BasicAuthCredentials credentials = ctx.basicAuthCredentials();
            if (credentials == null) {
                throw new ApiError(401, "malformed Basic credentials");
            }
            UserStore.User user = authenticate(ctx, credentials.getUsername(), credentials.getPassword())
                    .orElseThrow(() -> new ApiError(401, "wrong user name or password"));
            return new Principal(user.name(), user.role(), null);
        }
        return sessions.find(ctx.cookie(SESSION_COOKIE))
                .map(s -> new Principal(s.user(), s.role(), s))
                .orElseThrow(() -> new ApiError(401, "not logged in"));
    }

    /** Password check behind the per-IP and per-user failure limits; shared by login and Basic. */
    public Optional<UserStore.User> authenticate(Context ctx, String name, String password) {
        String ipKey = ctx.ip();
        String userKey = name;
        Duration wait = max(perIp.retryAfter(ipKey), perUser.retryAfter(userKey));
        if (!wait.isZero()) {
            long seconds = Math.max(1, wait.toSeconds() + (wait.toMillisPart() > 0 ? 1 : 0));
            ctx.header("Retry-After", Long.toString(seconds));
            throw new ApiError(429, "too many failed logins; try again in " + seconds + " s");
        }
        Optional<UserStore.User> user = users.authenticate(name, password);
        if (user.isEmpty()) {
            perIp.failed(ipKey);
            perUser.failed(userKey);
        } else {
            perUser.succeeded(userKey);
        }
        return user;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
