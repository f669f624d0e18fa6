package io.logagent.core.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logagent.core.alert.AlertRule.Kind;
import io.logagent.core.alert.AlertRule.Notify;
import io.logagent.core.alert.AlertRule.Op;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and validates an alert rule's JSON (the value at {@code /logagent/alerts/<name>}), listing every bad field
 * at once like {@link io.logagent.core.collect.CollectConfigCodec}: the console refuses to save what the evaluator
 * could not run, and the evaluator shows a hand-written bad value as the rule's error.
 */
public final class AlertRuleCodec {

    /** Rule names: also the last part of an etcd key and of a URL path. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    static final Set<String> COMMON = Set.of("kind", "notify", "repeat", "mute_until", "description", "for",
            "threshold", "op");
    static final Map<Kind, Set<String>> FIELDS = Map.of(
            Kind.QUERY, Set.of("query", "window"),
            Kind.PATTERN, Set.of("query", "pattern_id", "rate_factor", "window"),
            Kind.AGENT_OFFLINE, Set.of("host"),
            Kind.CONSUMER_LAG, Set.of("topic"),
            Kind.TOPIC_STALE, Set.of("topic", "window"),
            Kind.DEAD_LETTERS, Set.of("window"),
            Kind.ENTRY_ERROR, Set.of("host"));
    private static final String KINDS = Arrays.stream(Kind.values()).map(Kind::json).collect(Collectors.joining(", "));
    private static final String OPS = Arrays.stream(Op.values()).map(o -> o.symbol).collect(Collectors.joining(" "));

    private final ObjectMapper mapper;

    public AlertRuleCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public static boolean isValidName(String name) {
        // "collect_config" would make /logagent/alerts/collect_config read as host "alerts"'s collect config
        return name != null && NAME.matcher(name).matches() && !name.equals("collect_config");
    }

    public AlertRule parse(String name, String json) throws AlertRuleException {
        List<String> problems = new ArrayList<>();
        if (!isValidName(name)) {
            problems.add("name '" + name + "' must be 1-100 of [A-Za-z0-9._-], starting with a letter or digit");
        }
        JsonNode root;
        try {
            root = json == null ? null : mapper.readTree(json);
        } catch (JsonProcessingException e) {
            problems.add("invalid JSON: " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr());
            throw new AlertRuleException(problems);
        }
        if (root == null || !root.isObject()) {
            problems.add("expected a JSON object like {\"kind\":\"query\",\"query\":\"level:ERROR\",\"window\":\"5m\","
                    + "\"threshold\":10,\"op\":\">\"}");
            throw new AlertRuleException(problems);
        }
        AlertRule rule = new Reader(root, problems).read(name);
        if (!problems.isEmpty()) {
            throw new AlertRuleException(problems);
        }
        return rule;
    }

    /** One rule's fields, each bad one adding a message that names it. */
    private record Reader(JsonNode node, List<String> problems) {

        AlertRule read(String name) {
            Kind kind = kind();
            if (kind == null) {
                return null;
            }
            Set<String> known = new java.util.TreeSet<>(COMMON);
            known.addAll(FIELDS.get(kind));
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!known.contains(f)) {
                    problems.add("unknown field '" + f + "' for kind " + kind.json() + " (known: "
                            + String.join(", ", known) + ")");
                }
            }
            boolean windowed = kind == Kind.QUERY || kind == Kind.DEAD_LETTERS || kind == Kind.TOPIC_STALE;
            String query = text("query", kind == Kind.QUERY);
            Duration window = duration("window", windowed ? null : Duration.ZERO, windowed);
            boolean needsThreshold = kind == Kind.QUERY || kind == Kind.CONSUMER_LAG;
            // topic_stale: "no line for <window>" is the condition itself, so the threshold is the window's seconds
            double threshold = kind == Kind.TOPIC_STALE ? window.toSeconds() : number("threshold", needsThreshold);
            Op op = op();
            Duration holdFor = duration("for", Duration.ZERO, false);
            Duration repeat = duration("repeat", AlertRule.DEFAULT_REPEAT, false);
            Double rateFactor = node.has("rate_factor") ? number("rate_factor", true) : null;
            if (rateFactor != null && rateFactor <= 1) {
                problems.add("'rate_factor' must be above 1 (a rise over the baseline), got " + rateFactor);
            }
            return new AlertRule(name, kind, query, window, threshold, op, holdFor, text("topic", false),
                    text("host", false), text("pattern_id", false), rateFactor, targets(), repeat, muteUntil(),
                    text("description", false));
        }

        private Kind kind() {
            String k = text("kind", true);
            if (k == null) {
                return null;
            }
            try {
                return Kind.valueOf(k.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("'kind' must be one of " + KINDS + ", got \"" + k + "\"");
                return null;
            }
        }

        private String text(String field, boolean required) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    problems.add("missing '" + field + "'");
                }
                return null;
            }
            if (!v.isTextual() || v.asText().isBlank()) {
                problems.add("'" + field + "' must be a non-empty string");
                return null;
            }
            return v.asText().strip();
        }

        private Duration duration(String field, Duration def, boolean required) {
            String v = text(field, required);
            if (v == null) {
                return def;
            }
            Duration d = Durations.parse(v).orElse(null);
            if (d == null) {
                problems.add("'" + field + "' must be " + Durations.FORMS + ", got \"" + v + "\"");
                return def;
            }
            if (required && d.isZero()) {
                problems.add("'" + field + "' must be above zero");
            }
            return d;
        }

        private double number(String field, boolean required) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    problems.add("missing '" + field + "' (a number)");
                }
                return 0;
            }
            if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                problems.add("'" + field + "' must be a number, got " + v);
                return 0;
            }
            return v.asDouble();
        }

        private Op op() {
            String v = text("op", false);
            if (v == null) {
                return Op.GT;
            }
            for (Op op : Op.values()) {
                if (op.symbol.equals(v)) {
                    return op;
                }
            }
            problems.add("'op' must be one of " + OPS + ", got \"" + v + "\"");
            return Op.GT;
        }

        private Instant muteUntil() {
            String v = text("mute_until", false);
            if (v == null) {
                return null;
            }
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e) {
                problems.add("'mute_until' must be an ISO-8601 instant like 2026-12-02T18:00:00Z, got \"" + v + "\"");
                return null;
            }
        }

        private List<Notify> targets() {
            JsonNode list = node.get("notify");
            if (list == null || list.isNull()) {
                return List.of();
            }
            if (!list.isArray()) {
                problems.add("'notify' must be a list like [{\"webhook\":\"https://…\"},{\"email\":\"ops@example.com\"}]");
                return List.of();
            }
            List<Notify> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                JsonNode n = list.get(i);
                String where = "notify[" + i + "]";
                if (!n.isObject() || n.size() != 1 || !(n.has("webhook") || n.has("email"))
                        || !n.elements().next().isTextual()) {
                    problems.add(where + " must be {\"webhook\": \"<http(s) URL>\"} or {\"email\": \"<address>\"}");
                    continue;
                }
                if (n.has("webhook")) {
                    URI uri = webhook(where, n.get("webhook").asText().strip());
                    if (uri != null) {
                        out.add(new Notify(uri, null));
                    }
                } else if (!EMAIL.matcher(n.get("email").asText().strip()).matches()) {
                    problems.add(where + ".email '" + n.get("email").asText() + "' is not an address like ops@example.com");
                } else {
                    out.add(new Notify(null, n.get("email").asText().strip()));
                }
            }
            return out;
        }

        private URI webhook(String where, String text) {
            try {
                URI uri = new URI(text);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                // reported below with the same message as a wrong scheme
            }
            problems.add(where + ".webhook '" + text + "' must be an http:// or https:// URL");
            return null;
        }
    }
}
