package io.logagent.console.auth;

import io.javalin.http.Context;

/** Who makes the current request; {@code session} is null for HTTP Basic (scripts). */
public record Principal(String user, Role role, SessionStore.Session session) {

    private static final String ATTRIBUTE = "logagent.principal";

    public static Principal of(Context ctx) {
        Principal p = ctx.attribute(ATTRIBUTE);
        if (p == null) {
            throw new IllegalStateException("route without roles asked for the principal");
        }
        return p;
    }

    void attach(Context ctx) {
        ctx.attribute(ATTRIBUTE, this);
    }
}
