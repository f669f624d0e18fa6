package io.logagent.console.patterns;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.logagent.console.auth.Role;
import io.logagent.console.search.TimeRange;

import java.time.Clock;

/** {@code GET /api/patterns?q=&from=&to=&size=}: viewers and up, as search. */
public final class PatternRoutes implements io.logagent.console.web.Routes {

    private final PatternService patterns;
    private final Clock clock;

    public PatternRoutes(PatternService patterns, Clock clock) {
        this.patterns = patterns;
        this.clock = clock;
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/patterns", this::patterns, Role.VIEWER);
    }

    private void patterns(Context ctx) {
        TimeRange range = TimeRange.parse(ctx.queryParam("from"), ctx.queryParam("to"), clock);
        int size = ctx.queryParamAsClass("size", Integer.class).getOrDefault(50);
        ctx.json(patterns.patterns(ctx.queryParam("q"), range, size));
    }
}
