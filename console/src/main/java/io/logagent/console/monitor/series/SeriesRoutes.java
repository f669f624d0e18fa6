package io.logagent.console.monitor.series;

import io.javalin.Javalin;
import io.logagent.console.auth.Role;

/** {@code GET /api/pipeline/series}: the Pipeline page's time series over the last hour ({@link PipelineSampler#snapshot()}). */
public final class SeriesRoutes implements io.logagent.console.web.Routes {

    private final PipelineSampler sampler;

    public SeriesRoutes(PipelineSampler sampler) {
        this.sampler = sampler;
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/pipeline/series", ctx -> ctx.json(sampler.snapshot()), Role.VIEWER);
    }
}
