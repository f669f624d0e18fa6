package io.logagent.console.search;

import io.javalin.Javalin;
import io.logagent.console.auth.Role;

import java.time.Clock;
import java.util.Map;

/** {@code GET /api/fields} (the keyword fields) and {@code GET /api/facets/field?field=&q=&from=&to=&size=}. */
public final class FieldFacetRoutes implements io.logagent.console.web.Routes {

    private final FieldFacets facets;
    private final Clock clock;

    public FieldFacetRoutes(FieldFacets facets, Clock clock) {
        this.facets = facets;
        this.clock = clock;
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/fields", ctx -> ctx.json(Map.of("keyword", facets.keywordFields())), Role.VIEWER);
        app.get("/api/facets/field", ctx -> ctx.json(facets.top(ctx.queryParam("field"), ctx.queryParam("q"),
                TimeRange.parse(ctx.queryParam("from"), ctx.queryParam("to"), clock),
                SearchRoutes.intParam(ctx, "size", 10))), Role.VIEWER);
    }
}
