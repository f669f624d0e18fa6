package io.logagent.transfer.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes sure the template exists and each daily index is created, with its aliases, before the first document is
 * written to it. Creating explicitly (rather than letting a bulk request auto-create) is what attaches the
 * per-topic alias; {@code resource_already_exists_exception} from a racing worker or another transfer process is
 * success. Thread-safe; the set of known indices holds one name per topic and day (bounded by retention).
 */
public final class IndexSetup {

    private static final Logger log = LoggerFactory.getLogger(IndexSetup.class);
    static final String TEMPLATE_NAME = "logagent-transfer";

    private final SearchHttp http;
    private final ObjectMapper mapper;
    private final IndexMappings mappings;
    private final IndexNaming naming;
    private final List<String> templatePatterns;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private volatile boolean templateInstalled;

    /** @param topics the configured topic names; topics found by pattern get full mappings at index creation */
    public IndexSetup(SearchHttp http, ObjectMapper mapper, IndexMappings mappings, IndexNaming naming,
                      List<String> topics) {
        this.http = http;
        this.mapper = mapper;
        this.mappings = mappings;
        this.naming = naming;
        this.templatePatterns = topics.stream().map(t -> naming.topicAlias(t) + "-*").distinct().toList();
        this.templateInstalled = templatePatterns.isEmpty();
    }

    /**
     * The transfer's first request: the template when topics are configured (needing the privilege to put index
     * templates), else {@code GET /}. A 401/403/TLS failure surfaces as a {@link SearchProblemException} cause.
     */
    public void firstContact() throws RetriableIndexException {
        if (!templatePatterns.isEmpty()) {
            installTemplate();
            return;
        }
        try {
            http.send("GET", "/");
        } catch (IOException e) {
            throw new RetriableIndexException("GET / failed: " + e, e);
        }
    }

    /** Puts the composable template, falling back to a legacy one on clusters that lack {@code _index_template}. */
    public void installTemplate() throws RetriableIndexException {
        if (templateInstalled) {
            return;
        }
        SearchHttp.Response r = put("/_index_template/" + TEMPLATE_NAME,
                mappings.composableTemplate(templatePatterns, naming.allAlias()));
        // Clusters without the endpoint (Elasticsearch before 7.8) answer 400 "no handler found" or 405; a 400 can
        // also be a conflict with a foreign composable template of the same priority. Either way the legacy
        // template is the best we can do, and the explicit create-index body carries mappings and aliases anyway;
        // the engine's reason is logged so a conflict is visible.
        if (r.status() == 404 || r.status() == 400 || r.status() == 405) {
            log.warn("composable template {} not accepted (HTTP {} {}), installing a legacy _template", TEMPLATE_NAME,
                    r.status(), r.text());
            r = put("/_template/" + TEMPLATE_NAME, mappings.legacyTemplate(templatePatterns, naming.allAlias()));
        }
        requireOk(r, "install index template " + TEMPLATE_NAME);
        templateInstalled = true;
        log.info("index template {} installed for {}", TEMPLATE_NAME, templatePatterns);
    }

    /** Creates {@code index} (aliases: the topic's and the all-alias) unless it is known to exist. */
    public void ensureIndex(String index, String topic) throws RetriableIndexException {
        if (known.contains(index)) {
            return;
        }
        installTemplate();
        String topicAlias = naming.topicAlias(topic);
        SearchHttp.Response r = put("/" + index, mappings.createIndexBody(List.of(topicAlias, naming.allAlias())));
        if (r.status() == 400 && errorType(r).equals("invalid_alias_name_exception")) {
            // An index named like the topic already exists (the seed wrote to index = topic): keep its data and
            // do without the topic alias rather than refuse to store anything.
            log.warn("cannot add alias {} to {} (an index of that name exists?): {}", topicAlias, index, r.text());
            r = put("/" + index, mappings.createIndexBody(List.of(naming.allAlias())));
        }
        if (!r.ok() && !(r.status() == 400 && errorType(r).equals("resource_already_exists_exception"))) {
            requireOk(r, "create index " + index);
        }
        known.add(index);
    }

    /** Called when an index is gone (deleted by retention, or a 404 from bulk): create it again on next use. */
    public void forget(String index) {
        known.remove(index);
    }

    private SearchHttp.Response put(String path, JsonNode body) throws RetriableIndexException {
        try {
            return http.send("PUT", path, mapper.writeValueAsBytes(body), SearchHttp.JSON);
        } catch (IOException e) {
            throw new RetriableIndexException("PUT " + path + " failed: " + e, e);
        }
    }

    private String errorType(SearchHttp.Response r) {
        try {
            return mapper.readTree(r.body()).path("error").path("type").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    static void requireOk(SearchHttp.Response r, String what) throws RetriableIndexException {
        if (r.ok()) {
            return;
        }
        if (r.status() == 429 || r.status() >= 500 || r.status() == 408) {
            throw new RetriableIndexException(what + ": HTTP " + r.status() + " " + r.text());
        }
        throw new FatalIndexException(what + ": HTTP " + r.status() + " " + r.text());
    }
}
