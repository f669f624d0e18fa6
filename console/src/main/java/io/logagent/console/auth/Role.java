package io.logagent.console.auth;

import io.javalin.security.RouteRole;

/** Ordered: each role may do everything the ones before it may. */
public enum Role implements RouteRole {
    /** Search and monitoring. */
    VIEWER,
    /** + collect-config writes. */
    EDITOR,
    /** + user management. */
    ADMIN;

    public boolean allows(Role required) {
        return compareTo(required) >= 0;
    }

    public static Role parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("role must be viewer, editor or admin, got '" + s + "'");
        }
    }
}
