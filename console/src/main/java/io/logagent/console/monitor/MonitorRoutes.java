package io.logagent.console.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.logagent.console.hosts.CollectConfigService;
import io.logagent.console.web.ApiError;
import io.logagent.console.auth.Role;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.Map;

/** Hosts and groups with rollout state, raw agent statuses, the pipeline view, {@code /metrics} and {@code /health}. */
public final class MonitorRoutes implements io.logagent.console.web.Routes {

    private final HostOverview hosts;
    private final GroupRollout groups;
    private final AgentStatuses agents;
    private final PipelineService pipeline;
    private final PrometheusMeterRegistry registry;
    private final AllowPathsCheck check;
    private final CollectConfigService configs;

    public MonitorRoutes(HostOverview hosts, GroupRollout groups, AgentStatuses agents, PipelineService pipeline,
                         PrometheusMeterRegistry registry, AllowPathsCheck check, CollectConfigService configs) {
        this.check = check;
        this.configs = configs;
        this.hosts = hosts;
        this.groups = groups;
        this.agents = agents;
        this.pipeline = pipeline;
        this.registry = registry;
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/hosts", ctx -> ctx.json(hosts.hosts()), Role.VIEWER);
        app.get("/api/groups/rollout", ctx -> ctx.json(groups.groups()), Role.VIEWER);
        app.get("/api/agents", ctx -> ctx.contentType("application/json").result(agents.readAsJson()), Role.VIEWER);
        // Body {"value": "<JSON text>"}: what the receiving agents would refuse, before saving.
        app.post("/api/hosts/{name}/config/check", ctx -> check(ctx, configs.hostKey(ctx.pathParam("name"))),
                Role.EDITOR);
        app.post("/api/groups/{name}/config/check", ctx -> check(ctx, configs.groupKey(ctx.pathParam("name"))),
                Role.EDITOR);
        app.get("/api/pipeline", ctx -> ctx.json(pipeline.snapshot()), Role.VIEWER);
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()),
                Role.VIEWER);
        // Liveness only: the console itself answers. Backends are shown per part in /api/pipeline.
        app.get("/health", ctx -> ctx.json(Map.of("status", "up")));
    }

    private void check(Context ctx, String key) {
        JsonNode value = ctx.bodyAsClass(JsonNode.class).path("value");
        if (!value.isTextual()) {
            throw new ApiError(400, "body must be {\"value\": \"<collect config JSON as text>\"}");
        }
        ctx.json(check.check(key, value.asText()));
    }
}
