package io.logagent.console.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.logagent.console.web.ApiError;

import java.util.LinkedHashMap;
import java.util.Map;

/** Login, logout, who-am-I and (admin) user management. */
public final class AuthRoutes implements io.logagent.console.web.Routes {

    private final AuthGuard guard;
    private final UserStore users;
    private final SessionStore sessions;

    public AuthRoutes(AuthGuard guard, UserStore users, SessionStore sessions) {
        this.guard = guard;
        this.users = users;
        this.sessions = sessions;
    }

    @Override
    public void register(Javalin app) {
        app.post("/api/login", this::login);
        app.post("/api/logout", this::logout, Role.VIEWER);
        app.get("/api/me", this::me, Role.VIEWER);
        app.get("/api/users", ctx -> ctx.json(users.list()), Role.ADMIN);
        app.put("/api/users/{name}", this::putUser, Role.ADMIN);
        app.delete("/api/users/{name}", this::deleteUser, Role.ADMIN);
    }

    private void login(Context ctx) {
        JsonNode body = ctx.bodyAsClass(JsonNode.class);
        String name = body.path("username").asText("");
        String password = body.path("password").asText("");
        UserStore.User user = guard.authenticate(ctx, name, password)
                .orElseThrow(() -> new ApiError(401, "wrong user name or password"));
        SessionStore.Session session = sessions.create(user.name(), user.role());
        // Secure only over https: the default bind is 127.0.0.1 over plain http.
        ctx.cookie(new Cookie(AuthGuard.SESSION_COOKIE, session.id(), "/", -1, "https".equals(ctx.scheme()), 0,
                true, null, null, SameSite.STRICT));
        ctx.json(describe(new Principal(user.name(), user.role(), session)));
    }

    private void logout(Context ctx) {
        Principal p = Principal.of(ctx);
        if (p.session() != null) {
            sessions.remove(p.session().id());
        }
        ctx.removeCookie(AuthGuard.SESSION_COOKIE, "/");
        ctx.status(204);
    }

    private void me(Context ctx) {
        ctx.json(describe(Principal.of(ctx)));
    }

    private void putUser(Context ctx) {
        JsonNode body = ctx.bodyAsClass(JsonNode.class);
        String name = ctx.pathParam("name");
        users.put(name, Role.parse(body.path("role").asText("viewer")), body.path("password").asText(null));
        sessions.removeUser(name);
        ctx.json(users.list());
    }

    private void deleteUser(Context ctx) {
        String name = ctx.pathParam("name");
        if (!users.delete(name)) {
            throw new ApiError(404, "no user '" + name + "'");
        }
        sessions.removeUser(name);
        ctx.status(204);
    }

    private static Map<String, Object> describe(Principal p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", p.user());
        out.put("role", p.role().name().toLowerCase());
        if (p.session() != null) {
            out.put("csrfToken", p.session().csrfToken());
        }
        return out;
    }
}
