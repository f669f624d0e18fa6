package io.logagent.console.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.logagent.console.hosts.CollectConfigService;
import io.logagent.console.web.ApiError;
import io.logagent.console.auth.Role;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import io.logagent.core.kafka.KafkaProblems;
import io.logagent.core.problem.ConnectionProblem;
import org.apache.kafka.common.KafkaException;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hosts and groups with rollout state, raw agent statuses, the pipeline view, {@code /metrics} and {@code /health}. */
public final class MonitorRoutes implements io.logagent.console.web.Routes {

    private final HostOverview hosts;
    private final GroupRollout groups;
    private final AgentStatuses agents;
    private final PipelineService pipeline;
    private final PrometheusMeterRegistry registry;
    private final AllowPathsCheck check;
    private final CollectConfigService configs;
    private final Optional<DeadLetters> deadLetters;
    private final KafkaProblems kafkaProblems;

    /** @param deadLetters empty when {@code [kafka] address} is empty (Kafka monitoring off) */
    public MonitorRoutes(HostOverview hosts, GroupRollout groups, AgentStatuses agents, PipelineService pipeline,
                         PrometheusMeterRegistry registry, AllowPathsCheck check, CollectConfigService configs,
                         Optional<DeadLetters> deadLetters, KafkaProblems kafkaProblems) {
        this.deadLetters = deadLetters;
        this.kafkaProblems = kafkaProblems;
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
        app.get("/api/deadletters", this::deadLetters, Role.VIEWER);
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()),
                Role.VIEWER);
        // Liveness only: the console itself answers. Backends are shown per part in /api/pipeline.
        app.get("/health", ctx -> ctx.json(Map.of("status", "up")));
    }

    /** {@code ?limit=} 1..200 (default 50): the newest records of the dead-letter topic with their dl.* reason. */
    private void deadLetters(Context ctx) {
        String text = Optional.ofNullable(ctx.queryParam("limit")).orElse("50");
        int limit;
        try {
            limit = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > DeadLetters.MAX_LIMIT) {
            throw new ApiError(400, "limit must be a whole number 1.." + DeadLetters.MAX_LIMIT + ", was '" + text + "'");
        }
        if (deadLetters.isEmpty()) {
            ctx.json(Map.of("disabled", "[kafka] address is empty", "letters", List.of()));
            return;
        }
        DeadLetters letters = deadLetters.get();
        try {
            ctx.json(Map.of("topic", letters.topic(), "limit", limit, "letters", letters.recent(limit)));
        } catch (KafkaException | IllegalStateException e) {
            String why = kafkaProblems.classify(e).map(ConnectionProblem::line).orElse(e.toString());
            throw new ApiError(503, "dead-letter topic " + letters.topic() + " not readable: " + why);
        }
    }

    private void check(Context ctx, String key) {
        JsonNode value = ctx.bodyAsClass(JsonNode.class).path("value");
        if (!value.isTextual()) {
            throw new ApiError(400, "body must be {\"value\": \"<collect config JSON as text>\"}");
        }
        ctx.json(check.check(key, value.asText()));
    }
}
