package io.logagent.console.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.logagent.console.auth.Principal;
import io.logagent.console.auth.Role;
import io.logagent.console.web.ApiError;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Saved searches: {@code GET/POST /api/saved-searches} (the caller's own; body {@code {name, q, from, to}}),
 * {@code GET/DELETE /api/saved-searches/{id}}, and the short link {@code /s/<id>}, which sends the browser to
 * {@code /#search?saved=<id>}: the page signs in first if needed, then restores query and range from the API.
 */
public final class SavedSearchRoutes implements io.logagent.console.web.Routes {

    private final SavedSearches saved;

    public SavedSearchRoutes(SavedSearches saved) {
        this.saved = saved;
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/saved-searches", ctx -> ctx.json(saved.mine(Principal.of(ctx).user())), Role.VIEWER);
        app.post("/api/saved-searches", this::save, Role.VIEWER);
        app.get("/api/saved-searches/{id}", ctx -> ctx.json(find(ctx.pathParam("id"))), Role.VIEWER);
        app.delete("/api/saved-searches/{id}", this::delete, Role.VIEWER);
        // No role: the redirect reveals nothing, and the page asks for a login before it reads the search.
        app.get("/s/{id}", ctx -> ctx.redirect("/#search?saved="
                + URLEncoder.encode(ctx.pathParam("id"), StandardCharsets.UTF_8)));
    }

    private void save(Context ctx) {
        JsonNode body = ctx.bodyAsClass(JsonNode.class);
        if (!body.path("name").isTextual()) {
            throw new ApiError(400, "body must be {\"name\": \"…\", \"q\": \"…\", \"from\": \"now-1h\", \"to\": \"now\"}");
        }
        SavedSearches.Saved s = saved.save(Principal.of(ctx).user(), body.path("name").asText(),
                body.path("q").asText(""), body.path("from").asText(""), body.path("to").asText(""));
        ctx.status(201).json(s);
    }

    private SavedSearches.Saved find(String id) {
        return saved.get(id).orElseThrow(() -> new ApiError(404, "no saved search '" + id + "'"));
    }

    private void delete(Context ctx) {
        String id = ctx.pathParam("id");
        try {
            if (!saved.delete(Principal.of(ctx).user(), id)) {
                throw new ApiError(404, "no saved search '" + id + "'");
            }
        } catch (SecurityException e) {
            throw new ApiError(403, e.getMessage());
        }
        ctx.status(204);
    }
}
