package io.logagent.console.monitor;

import io.javalin.Javalin;
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

    public MonitorRoutes(HostOverview hosts, GroupRollout groups, AgentStatuses agents, PipelineService pipeline,
                         PrometheusMeterRegistry registry) {
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
        app.get("/api/agents", ctx -> ctx.json(agents.read().values()), Role.VIEWER);
        app.get("/api/pipeline", ctx -> ctx.json(pipeline.snapshot()), Role.VIEWER);
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()),
                Role.VIEWER);
        // Liveness only: the console itself answers. Backends are shown per part in /api/pipeline.
        app.get("/health", ctx -> ctx.json(Map.of("status", "up")));
    }
}
