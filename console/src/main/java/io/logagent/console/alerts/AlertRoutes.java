package io.logagent.console.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.logagent.console.auth.Principal;
import io.logagent.console.auth.Role;
import io.logagent.console.etcd.EtcdKv;
import io.logagent.console.web.ApiError;
import io.logagent.core.alert.AlertRule;
import io.logagent.core.alert.Durations;
import io.logagent.core.etcd.EtcdKeyLayout;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/alerts} (every rule with its state and which console evaluates), {@code GET/PUT/DELETE
 * /api/alerts/{name}} and {@code GET /api/alerts/{name}/history}: viewers read, editors change. A PUT body is
 * {@code {"value": "<rule JSON as text>", "expectedRevision": N}} (0 = new rule), a DELETE names the revision it
 * deletes ({@code ?revision=N}), both compare-and-swap with an audit record, like collect configs.
 */
public final class AlertRoutes implements io.logagent.console.web.Routes {

    private final AlertRules rules;
    private final AlertStore store;
    private final EtcdKv etcd;
    private final AlertEvaluator evaluator;

    public AlertRoutes(AlertRules rules, AlertStore store, EtcdKv etcd, AlertEvaluator evaluator) {
        this.rules = rules;
        this.store = store;
        this.etcd = etcd;
        this.evaluator = evaluator;
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/alerts", this::list, Role.VIEWER);
        app.get("/api/alerts/{name}", ctx -> ctx.json(describe(find(ctx.pathParam("name")),
                store.state(ctx.pathParam("name")))), Role.VIEWER);
        app.put("/api/alerts/{name}", this::put, Role.EDITOR);
        app.delete("/api/alerts/{name}", this::delete, Role.EDITOR);
        app.get("/api/alerts/{name}/history", ctx -> {
            find(ctx.pathParam("name"));
            ctx.json(store.history(ctx.pathParam("name"),
                    ctx.queryParamAsClass("limit", Integer.class).getOrDefault(100)));
        }, Role.VIEWER);
    }

    private void list(Context ctx) {
        Map<String, AlertState> states = store.states();
        Map<String, Object> out = new LinkedHashMap<>();
        EtcdKv.Versioned holder = etcd.get(EtcdKeyLayout.ALERT_LEADER_KEY);
        out.put("evaluator", holder.modRevision() == 0 ? null : holder.value());
        out.put("thisConsole", evaluator.status());
        out.put("rules", rules.all().stream()
                .map(s -> describe(s, states.getOrDefault(s.name(), AlertState.INITIAL))).toList());
        ctx.json(out);
    }

    private AlertRules.Stored find(String name) {
        return rules.get(name).orElseThrow(() -> new ApiError(404, "no alert rule '" + name + "'"));
    }

    private void put(Context ctx) {
        JsonNode body = ctx.bodyAsClass(JsonNode.class);
        JsonNode value = body.path("value");
        JsonNode expected = body.path("expectedRevision");
        if (!value.isTextual() || !expected.canConvertToLong()) {
            throw new ApiError(400, "body must be {\"value\": \"<alert rule JSON as text>\", \"expectedRevision\": "
                    + "<revision you edited, 0 for a new rule>}");
        }
        String name = ctx.pathParam("name");
        AlertRules.Stored s = rules.put(name, value.asText(), expected.asLong(), Principal.of(ctx).user());
        ctx.json(describe(s, store.state(name)));
    }

    private void delete(Context ctx) {
        Long revision = ctx.queryParamAsClass("revision", Long.class).allowNullable().get();
        if (revision == null) {
            throw new ApiError(400, "name the revision you delete: DELETE /api/alerts/{name}?revision=N");
        }
        if (!rules.delete(ctx.pathParam("name"), revision, Principal.of(ctx).user())) {
            throw new ApiError(404, "no alert rule '" + ctx.pathParam("name") + "'");
        }
        ctx.status(204);
    }

    private static Map<String, Object> describe(AlertRules.Stored s, AlertState state) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", s.name());
        out.put("value", s.value());
        out.put("revision", s.revision());
        out.put("problems", s.problems());
        out.put("summary", s.rule() == null ? null : summary(s.rule()));
        out.put("muteUntil", s.rule() == null || s.rule().muteUntil() == null ? null : s.rule().muteUntil().toString());
        out.put("targets", s.rule() == null ? List.of()
                : s.rule().targets().stream().map(AlertRule.Notify::describe).toList());
        out.put("state", state);
        return out;
    }

    /** The condition in one line, e.g. {@code query "level:ERROR" over 5m > 10}. */
    static String summary(AlertRule r) {
        String what = switch (r.kind()) {
            case QUERY -> "query \"" + r.query() + "\" over " + Durations.format(r.window());
            case PATTERN -> "pattern " + (r.patternId() == null ? "new" : r.patternId());
            case DEAD_LETTERS -> "dead letters over " + Durations.format(r.window());
            case TOPIC_STALE -> "age (s) of the newest line" + (r.topic() == null ? "" : " of " + r.topic());
            case CONSUMER_LAG -> "consumer lag" + (r.topic() == null ? "" : " of " + r.topic());
            case AGENT_OFFLINE -> "agents offline" + (r.host() == null ? "" : " (" + r.host() + ")");
            case ENTRY_ERROR -> "entries in error" + (r.host() == null ? "" : " (" + r.host() + ")");
        };
        String hold = r.holdFor().isZero() ? "" : " for " + Durations.format(r.holdFor());
        return what + " " + r.op().symbol + " " + Notice.format(r.threshold()) + hold;
    }
}
