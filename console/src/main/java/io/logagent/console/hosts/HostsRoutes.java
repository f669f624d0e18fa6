package io.logagent.console.hosts;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.logagent.console.auth.Principal;
import io.logagent.console.auth.Role;
import io.logagent.console.web.ApiError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Collect-config read/write for hosts and groups, and the audit log of changes. */
public final class HostsRoutes implements io.logagent.console.web.Routes {

    private final CollectConfigService configs;
    private final AuditLog audit;
    private final CanaryRollout canaries;

    public HostsRoutes(CollectConfigService configs, AuditLog audit, CanaryRollout canaries) {
        this.configs = configs;
        this.audit = audit;
        this.canaries = canaries;
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/hosts/{name}/config", ctx -> read(ctx, configs::hostKey), Role.VIEWER);
        app.put("/api/hosts/{name}/config", ctx -> write(ctx, configs::hostKey), Role.EDITOR);
        app.get("/api/groups", ctx -> ctx.json(configs.groups()), Role.VIEWER);
        app.get("/api/groups/{name}/config", ctx -> read(ctx, configs::groupKey), Role.VIEWER);
        app.put("/api/groups/{name}/config", ctx -> write(ctx, configs::groupKey), Role.EDITOR);
        app.get("/api/groups/{name}/canary", ctx -> {
            CanaryRollout.Canary c = canaries.read(ctx.pathParam("name"));
            ctx.json(c == null ? Map.of() : c);
        }, Role.VIEWER);
        // Body {"value": "<JSON text>", "hosts": ["10.0.0.1", …]}: the value reaches those members only.
        app.put("/api/groups/{name}/canary", this::startCanary, Role.EDITOR);
        // Body {"expectedRevision": N}: the group key's revision the promotion replaces.
        app.post("/api/groups/{name}/canary/promote", ctx -> {
            JsonNode expected = ctx.bodyAsClass(JsonNode.class).path("expectedRevision");
            if (!expected.canConvertToLong()) {
                throw new ApiError(400, "body must be {\"expectedRevision\": <the group config's revision>}");
            }
            ctx.json(describe(canaries.promote(ctx.pathParam("name"), expected.asLong(), Principal.of(ctx).user())));
        }, Role.EDITOR);
        app.post("/api/groups/{name}/canary/rollback", ctx -> {
            canaries.rollBack(ctx.pathParam("name"), Principal.of(ctx).user());
            ctx.json(Map.of("rolledBack", true));
        }, Role.EDITOR);
        // Body {"key": "<config key>", "value": "<a value from the audit log>"}: makes that value current again.
        app.post("/api/audit/restore", this::restore, Role.EDITOR);
        app.get("/api/audit", ctx -> ctx.json(audit.newest(
                ctx.queryParamAsClass("limit", Integer.class).getOrDefault(100))), Role.VIEWER);
    }

    private void read(Context ctx, Function<String, String> key) {
        ctx.json(describe(configs.read(key.apply(ctx.pathParam("name")))));
    }

    /** Body: {@code {"value": "<JSON text>", "expectedRevision": N}}; 0 = the key must not exist yet. */
    private void write(Context ctx, Function<String, String> key) {
        JsonNode body = ctx.bodyAsClass(JsonNode.class);
        JsonNode value = body.path("value");
        JsonNode expected = body.path("expectedRevision");
        if (!value.isTextual() || !expected.canConvertToLong()) {
            throw new ApiError(400, "body must be {\"value\": \"<collect config JSON as text>\", \"expectedRevision\": <revision you edited, 0 for a new key>}");
        }
        String user = Principal.of(ctx).user();
        ctx.json(describe(configs.write(key.apply(ctx.pathParam("name")), value.asText(), expected.asLong(), user)));
    }

    private void restore(Context ctx) {
        JsonNode body = ctx.bodyAsClass(JsonNode.class);
        String key = body.path("key").asText("");
        JsonNode value = body.path("value");
        if (!configs.isConfigKey(key) || !value.isTextual()) {
            throw new ApiError(400, "body must be {\"key\": \"<a host's or group's collect-config key>\", \"value\": \"<JSON text>\"}");
        }
        // Over whatever is current: restoring is the decision to make this value current; the audit keeps both.
        ctx.json(describe(configs.write(key, value.asText(), configs.read(key).revision(), Principal.of(ctx).user())));
    }

    private void startCanary(Context ctx) {
        JsonNode body = ctx.bodyAsClass(JsonNode.class);
        JsonNode value = body.path("value");
        JsonNode hosts = body.path("hosts");
        if (!value.isTextual() || !hosts.isArray()) {
            throw new ApiError(400, "body must be {\"value\": \"<collect config JSON as text>\", \"hosts\": [\"<ip>\", …]}");
        }
        List<String> ips = new ArrayList<>();
        hosts.forEach(h -> ips.add(h.asText().strip()));
        ctx.json(canaries.start(ctx.pathParam("name"), value.asText(), ips, Principal.of(ctx).user()));
    }

    private static Map<String, Object> describe(CollectConfigService.Config c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", c.key());
        out.put("value", c.value());
        out.put("revision", c.revision());
        out.put("entries", c.entries());
        out.put("problems", c.problems());
        return out;
    }
}
