package io.logagent.core.collect;

import com.fasterxml.jackson.databind.JsonNode;
import io.logagent.core.collect.CollectEntry.Multiline;
import io.logagent.core.collect.CollectEntry.RecordKey;
import io.logagent.core.collect.CollectEntry.StartPosition;
import io.logagent.core.collect.CollectEntry.TimestampSpec;
import io.logagent.core.time.TimestampFormat;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads one element of the collect list, adding a message to the shared problem list for every bad field instead
 * of stopping at the first: an operator fixes a config in one round, not one error at a time.
 */
final class CollectEntryReader {
    static final Set<String> KNOWN_FIELDS = Set.of("path", "topic", "module", "from", "multiline", "fields",
            "include_lines", "exclude_lines", "exclude_files", "rate_limit", "key", "time_zone", "timestamp");
    private static final Set<String> MULTILINE_FIELDS = Set.of("pattern", "preset", "max_lines", "max_bytes",
            "timeout_ms");
    private static final Set<String> TIMESTAMP_FIELDS = Set.of("pattern", "regex");
    private static final String PRESETS = "\"java\", \"python\", \"go\" or \"auto\"";
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private final JsonNode node;
    private final String where;
    private final List<String> problems;
    private final int problemsBefore;

    CollectEntryReader(JsonNode node, String where, List<String> problems) {
        this.node = node;
        this.where = where;
        this.problems = problems;
        this.problemsBefore = problems.size();
    }

    CollectEntry read() {
        if (!node.isObject()) {
            problems.add(where + ": expected an object like {\"path\":\"/var/log/x.log\",\"topic\":\"x\"}");
            return null;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!KNOWN_FIELDS.contains(name)) {
                problems.add(where + ": unknown field '" + name + "' (known: " + String.join(", ",
                        KNOWN_FIELDS.stream().sorted().toList()) + ")");
            }
        }
        String path = text("path", true);
        if (path != null && (!path.startsWith("/") || path.indexOf('\0') >= 0)) {
            problems.add(where + ": path '" + path + "' must be absolute");
        }
        String topic = text("topic", true);
        if (topic != null && (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals(".."))) {
            problems.add(where + ": topic '" + topic + "' is not a valid Kafka topic name ([a-zA-Z0-9._-], 1-249)");
        }
        String module = text("module", false);
        StartPosition from = from();
        Multiline multiline = multiline();
        Map<String, String> fields = fields();
        List<String> include = regexList("include_lines");
        List<String> exclude = regexList("exclude_lines");
        List<String> excludeFiles = stringList("exclude_files");
        int rate = integer(node, "rate_limit", 0, 0, 10_000_000, where);
        RecordKey key = key(fields);
        String timeZone = timeZone();
        TimestampSpec timestamp = timestamp();
        if (problems.size() > problemsBefore) {
            return null;
        }
        return new CollectEntry(path, topic, module, from, multiline, fields, include, exclude, excludeFiles, rate, key,
                timeZone, timestamp);
    }

    private String text(String name, boolean required) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                problems.add(where + ": missing '" + name + "'");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            problems.add(where + ": '" + name + "' must be a non-empty string");
            return null;
        }
        return v.asText();
    }

    private StartPosition from() {
        String v = text("from", false);
        if (v == null) {
            return StartPosition.END;
        }
        return switch (v) {
            case "beginning" -> StartPosition.BEGINNING;
            case "end" -> StartPosition.END;
            default -> {
                problems.add(where + ": 'from' must be \"beginning\" or \"end\", got \"" + v + "\"");
                yield StartPosition.END;
            }
        };
    }

    private Multiline multiline() {
        JsonNode m = node.get("multiline");
        if (m == null || m.isNull()) {
            return null;
        }
        if (m.isTextual()) {
            Multiline preset = Multiline.preset(m.asText());
            if (preset == null) {
                problems.add(where + ": 'multiline' must be " + PRESETS + " or an object with pattern or preset, "
                        + "max_lines, max_bytes, timeout_ms; got \"" + m.asText() + "\"");
            }
            return preset;
        }
        if (!m.isObject()) {
            problems.add(where + ": 'multiline' must be " + PRESETS + " or an object with pattern or preset, "
                    + "max_lines, max_bytes, timeout_ms");
            return null;
        }
        m.fieldNames().forEachRemaining(n -> {
            if (!MULTILINE_FIELDS.contains(n)) {
                problems.add(where + ": unknown field 'multiline." + n + "'");
            }
        });
        Multiline base = Multiline.java();
        if (m.hasNonNull("preset")) {
            base = Multiline.preset(m.get("preset").asText());
            if (base == null || m.hasNonNull("pattern")) {
                problems.add(where + ": 'multiline.preset' must be " + PRESETS + ", and not given with a pattern");
                return null;
            }
        }
        String pattern = m.hasNonNull("pattern") ? m.get("pattern").asText() : base.startPattern();
        if (!base.auto()) {
            checkRegex("multiline.pattern", pattern);
        }
        return new Multiline(pattern,
                integer(m, "max_lines", base.maxLines(), 1, 100_000, where + ": multiline"),
                integer(m, "max_bytes", base.maxBytes(), 1, 64 << 20, where + ": multiline"),
                integer(m, "timeout_ms", (int) base.flushTimeoutMs(), 10, 600_000, where + ": multiline"),
                m.hasNonNull("pattern") ? null : base.preset());
    }

    private String timeZone() {
        String zone = text("time_zone", false);
        if (zone == null) {
            return null;
        }
        try {
            return ZoneId.of(zone).getId();
        } catch (DateTimeException e) {
            problems.add(where + ": 'time_zone' must be a zone id like \"America/Los_Angeles\" or \"+01:00\", got \""
                    + zone + "\" (" + e.getMessage() + ")");
            return null;
        }
    }

    private TimestampSpec timestamp() {
        JsonNode t = node.get("timestamp");
        if (t == null || t.isNull()) {
            return null;
        }
        if (!t.isObject() || !t.hasNonNull("pattern") || !t.get("pattern").isTextual()) {
            problems.add(where + ": 'timestamp' must be an object {\"pattern\": \"yyMMdd HHmmss\"} (java.time syntax), "
                    + "optionally with \"regex\" holding a named group (?<ts>…)");
            return null;
        }
        t.fieldNames().forEachRemaining(n -> {
            if (!TIMESTAMP_FIELDS.contains(n)) {
                problems.add(where + ": unknown field 'timestamp." + n + "' (known: pattern, regex)");
            }
        });
        String regex = t.hasNonNull("regex") ? t.get("regex").asText() : null;
        try {
            TimestampFormat.of(t.get("pattern").asText(), regex);
        } catch (IllegalArgumentException e) {
            problems.add(where + ": 'timestamp': " + e.getMessage());
            return null;
        }
        return new TimestampSpec(t.get("pattern").asText(), regex);
    }

    private Map<String, String> fields() {
        JsonNode f = node.get("fields");
        if (f == null || f.isNull()) {
            return Map.of();
        }
        if (!f.isObject()) {
            problems.add(where + ": 'fields' must be an object of string values");
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        f.fields().forEachRemaining(e -> {
            if (e.getValue().isContainerNode() || e.getValue().isNull()) {
                problems.add(where + ": fields." + e.getKey() + " must be a string, number or boolean");
            } else {
                out.put(e.getKey(), e.getValue().asText());
            }
        });
        return out;
    }

    private List<String> stringList(String name) {
        JsonNode a = node.get(name);
        if (a == null || a.isNull()) {
            return List.of();
        }
        if (a.isTextual()) {
            return List.of(a.asText());
        }
        List<String> out = new ArrayList<>();
        if (!a.isArray()) {
            problems.add(where + ": '" + name + "' must be a list of strings");
            return out;
        }
        a.forEach(v -> {
            if (v.isTextual()) {
                out.add(v.asText());
            } else {
                problems.add(where + ": '" + name + "' must be a list of strings");
            }
        });
        return out;
    }

    private List<String> regexList(String name) {
        List<String> values = stringList(name);
        values.forEach(r -> checkRegex(name, r));
        return values;
    }

    private void checkRegex(String name, String regex) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            problems.add(where + ": '" + name + "' is not a valid regular expression: " + e.getDescription());
        }
    }

    private RecordKey key(Map<String, String> fields) {
        String k = text("key", false);
        if (k == null || k.equals("none")) {
            return RecordKey.NONE;
        }
        if (k.equals("path")) {
            return RecordKey.PATH;
        }
        if (k.startsWith("field:") && fields.containsKey(k.substring(6))) {
            return new RecordKey(RecordKey.Kind.FIELD, k.substring(6));
        }
        problems.add(where + ": 'key' must be \"none\", \"path\" or \"field:NAME\" with NAME in fields, got \"" + k + "\"");
        return RecordKey.NONE;
    }

    private int integer(JsonNode parent, String name, int def, int min, int max, String context) {
        JsonNode v = parent.get(name);
        if (v == null || v.isNull()) {
            return def;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
            problems.add(context + ": '" + name + "' must be an integer from " + min + " to " + max);
            return def;
        }
        return v.asInt();
    }
}
