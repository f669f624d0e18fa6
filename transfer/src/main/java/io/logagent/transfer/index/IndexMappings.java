package io.logagent.transfer.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logagent.core.event.PatternFields;

import java.util.Collection;
import java.util.Map;

/**
 * The settings and mappings of every daily index, in the three shapes the clusters take them: a composable
 * {@code _index_template} (OpenSearch 1+, Elasticsearch 7.8+), a legacy {@code _template} and a create-index body.
 * All three come from here so they cannot drift apart.
 *
 * <p>{@code message} is text only (lines can be megabytes; a keyword copy would be cut or bloat the index).
 * Strings under {@code fields.} and the JSON prefix become keywords ({@code ignore_above} keeps a huge value
 * from failing the document: it is kept in the source, just not indexed).
 */
public final class IndexMappings {

    /** Above the built-in templates of Elasticsearch 7.x ({@code logs-*-*} has 100): ours wins for our indices. */
    static final int PRIORITY = 200;
    static final int IGNORE_ABOVE = 1024;

    private final ObjectMapper mapper;
    private final int shards;
    private final int replicas;
    private final String jsonField;

    public IndexMappings(ObjectMapper mapper, int shards, int replicas, String jsonField) {
        this.mapper = mapper;
        this.shards = shards;
        this.replicas = replicas;
        this.jsonField = jsonField;
    }

    public ObjectNode composableTemplate(Collection<String> patterns, String allAlias) {
        ObjectNode t = mapper.createObjectNode();
        patterns.forEach(t.putArray("index_patterns")::add);
        t.put("priority", PRIORITY);
        ObjectNode template = t.putObject("template");
        template.set("settings", settings());
        template.set("mappings", mappings());
        template.putObject("aliases").putObject(allAlias);
        return t;
    }

    public ObjectNode legacyTemplate(Collection<String> patterns, String allAlias) {
        ObjectNode t = mapper.createObjectNode();
        patterns.forEach(t.putArray("index_patterns")::add);
        t.put("order", PRIORITY);
        t.set("settings", settings());
        t.set("mappings", mappings());
        t.putObject("aliases").putObject(allAlias);
        return t;
    }

    public ObjectNode createIndexBody(Collection<String> aliases) {
        ObjectNode body = mapper.createObjectNode();
        body.set("settings", settings());
        body.set("mappings", mappings());
        ObjectNode a = body.putObject("aliases");
        aliases.forEach(a::putObject);
        return body;
    }

    private ObjectNode settings() {
        ObjectNode s = mapper.createObjectNode();
        s.put("number_of_shards", shards);
        s.put("number_of_replicas", replicas);
        return s;
    }

    private ObjectNode mappings() {
        ObjectNode m = mapper.createObjectNode();
        ArrayNode dynamic = m.putArray("dynamic_templates");
        dynamic.addObject().set("fields_strings", keywordFor("fields.*"));
        if (!jsonField.isEmpty()) {
            dynamic.addObject().set("json_strings", keywordFor(jsonField + ".*"));
        }
        ObjectNode p = m.putObject("properties");
        p.putObject("@timestamp").put("type", "date");
        p.putObject("message").put("type", "text");
        for (String keyword : new String[]{"host", "path", "level", "topic", "file_id", "module",
                "timestamp_source", PatternFields.PATTERN_ID}) {
            p.putObject(keyword).put("type", "keyword");
        }
        p.putObject(PatternFields.PATTERN).put("type", "keyword").put("ignore_above", IGNORE_ABOVE);
        p.putObject("offset").put("type", "long");
        p.putObject("truncated").put("type", "long");
        p.putObject("fields").put("type", "object");
        return m;
    }

    private ObjectNode keywordFor(String pathMatch) {
        ObjectNode rule = mapper.createObjectNode();
        rule.put("path_match", pathMatch);
        rule.put("match_mapping_type", "string");
        rule.set("mapping", mapper.valueToTree(Map.of("type", "keyword", "ignore_above", IGNORE_ABOVE)));
        return rule;
    }
}
