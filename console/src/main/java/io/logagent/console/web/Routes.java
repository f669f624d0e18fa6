package io.logagent.console.web;

import io.javalin.Javalin;

/** A feature's HTTP endpoints; each declares the role it needs on every route (none = public). */
public interface Routes {
    void register(Javalin app);
}
