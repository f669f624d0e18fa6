package io.logagent.transfer.patterns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logagent.core.event.PatternFields;
import io.logagent.transfer.index.SearchHttp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Templates persisted in OpenSearch ({@link PatternFields#storeIndex}, one document per id), so that a restarted
 * worker, or one that joins, starts from the templates every worker has learnt instead of re-mining them from
 * specific lines; and so that the console can count documents that carry an earlier id of a template under its
 * current one ({@code replaced_by}).
 *
 * <p>The consume thread {@link #offer}s changes into a bounded map (at most {@link #MAX_PENDING}, further ones
 * counted in {@code logagent_transfer_patterns_store_dropped_total}); the thread {@code transfer-patterns-store}
 * writes them every second with one bulk request: {@code create} for a new id (the first worker wins, the text is
 * the same for all), an upsert of {@code replaced_by} for the id it replaced. A failed write is kept and retried
 * next second. {@link #close} writes what is pending once more and stops the thread.
 */
public final class PatternStore implements AutoCloseable {

    static final int MAX_PENDING = 10_000;
    private static final Logger log = LoggerFactory.getLogger(PatternStore.class);

    private final SearchHttp http;
    private final ObjectMapper mapper;
    private final String index;
    private final Clock clock;
    private final Counter dropped;
    private final Map<String, PatternChange> pending = new LinkedHashMap<>();
    private final ScheduledExecutorService writer =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "transfer-patterns-store"));
    private boolean failing;

    public PatternStore(SearchHttp http, ObjectMapper mapper, String alias, Clock clock, MeterRegistry registry) {
        this.http = http;
        this.mapper = mapper;
        this.index = PatternFields.storeIndex(alias);
        this.clock = clock;
        this.dropped = Counter.builder("logagent.transfer.patterns.store.dropped")
                .description("template changes not persisted because the store was behind").register(registry);
    }

    /**
     * Seeds {@code miner} with the stored current templates (newest first, at most its capacity and 10,000, the
     * search window). The store being unreachable is logged and mining starts empty: ids stay the same anyway, as
     * they are a function of the text.
     */
    public int loadInto(PatternMiner miner, int max) {
        ensureIndex();
        ObjectNode body = mapper.createObjectNode();
        body.put("size", Math.min(max, 10_000));
        body.putObject("query").putObject("bool").putObject("must_not").putObject("exists")
                .put("field", PatternFields.REPLACED_BY);
        body.putArray("sort").addObject().putObject("first_seen").put("order", "desc").put("unmapped_type", "date");
        try {
            SearchHttp.Response r = http.send("POST", "/" + index + "/_search?ignore_unavailable=true",
                    mapper.writeValueAsBytes(body), SearchHttp.JSON);
            if (!r.ok()) {
                log.warn("pattern store {}: cannot load templates ({}): {}", index, r.status(), r.text());
                return 0;
            }
            int n = 0;
            for (JsonNode hit : mapper.readTree(r.body()).path("hits").path("hits")) {
                JsonNode s = hit.path("_source");
                if (s.hasNonNull("topic") && s.hasNonNull(PatternFields.PATTERN)) {
                    miner.learn(s.path("topic").asText(), s.path(PatternFields.PATTERN).asText());
                    n++;
                }
            }
            log.info("pattern store {}: {} templates loaded", index, n);
            return n;
        } catch (IOException e) {
            log.warn("pattern store {}: cannot load templates: {}", index, e.toString());
            return 0;
        }
    }

    /** Creates the store's index with its mapping when missing; a failure is left to the first write to report. */
    private void ensureIndex() {
        ObjectNode body = mapper.createObjectNode();
        body.putObject("settings").put("number_of_shards", 1);
        ObjectNode p = body.putObject("mappings").putObject("properties");
        for (String keyword : List.of("topic", PatternFields.PATTERN, PatternFields.REPLACED_BY)) {
            p.putObject(keyword).put("type", "keyword");
        }
        p.putObject("first_seen").put("type", "date");
        try {
            SearchHttp.Response r = http.send("HEAD", "/" + index);
            if (r.status() == 404) {
                r = http.send("PUT", "/" + index, mapper.writeValueAsBytes(body), SearchHttp.JSON);
                if (!r.ok() && !r.text().contains("resource_already_exists")) {
                    log.warn("pattern store {}: cannot create the index ({}): {}", index, r.status(), r.text());
                }
            }
        } catch (IOException e) {
            log.warn("pattern store {}: cannot create the index: {}", index, e.toString());
        }
    }

    public void start() {
        writer.scheduleWithFixedDelay(this::flush, 1, 1, TimeUnit.SECONDS);
    }

    /** Called on the consume thread; never blocks on the network. */
    public void offer(PatternChange change) {
        synchronized (pending) {
            if (pending.size() >= MAX_PENDING && !pending.containsKey(change.match().id())) {
                dropped.increment();
                return;
            }
            pending.put(change.match().id(), change);
        }
    }

    void flush() {
        List<PatternChange> batch;
        synchronized (pending) {
            if (pending.isEmpty()) {
                return;
            }
            batch = new ArrayList<>(pending.values());
            pending.clear();
        }
        try {
            SearchHttp.Response r = http.send("POST", "/_bulk", bulk(batch), SearchHttp.NDJSON);
            if (!r.ok()) {
                throw new IOException("status " + r.status() + ": " + r.text());
            }
            refused(mapper.readTree(r.body()));
            if (failing) {
                log.info("pattern store {}: writing again", index);
                failing = false;
            }
        } catch (IOException | RuntimeException e) {
            if (!failing) {
                log.warn("pattern store {}: cannot write {} templates, retrying every second: {}", index,
                        batch.size(), e.toString());
                failing = true;
            }
            batch.forEach(c -> {
                synchronized (pending) {
                    pending.putIfAbsent(c.match().id(), c);
                }
            });
        }
    }

    /** Item errors other than 409 (the id is stored already, by this or another worker) are logged. */
    private void refused(JsonNode response) {
        if (!response.path("errors").asBoolean()) {
            return;
        }
        for (JsonNode item : response.path("items")) {
            JsonNode result = item.elements().hasNext() ? item.elements().next() : item;
            if (result.path("status").asInt() >= 300 && result.path("status").asInt() != 409) {
                log.warn("pattern store {}: template {} refused: {}", index, result.path("_id").asText(),
                        result.path("error"));
            }
        }
    }

    private byte[] bulk(List<PatternChange> batch) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String now = clock.instant().toString();
        for (PatternChange c : batch) {
            line(out, Map.of("create", Map.of("_index", index, "_id", c.match().id())));
            line(out, Map.of("topic", c.topic(), PatternFields.PATTERN, c.match().template(), "first_seen", now));
            if (c.previousId() != null) {
                line(out, Map.of("update", Map.of("_index", index, "_id", c.previousId())));
                line(out, Map.of("doc", Map.of(PatternFields.REPLACED_BY, c.match().id()), "doc_as_upsert", true));
            }
        }
        return out.toByteArray();
    }

    private void line(ByteArrayOutputStream out, Object value) throws IOException {
        out.write(mapper.writeValueAsBytes(value));
        out.write('\n');
    }

    @Override
    public void close() throws InterruptedException {
        writer.shutdown();
        if (writer.awaitTermination(10, TimeUnit.SECONDS)) {
            flush();
        } else {
            log.warn("pattern store {}: writer did not stop in 10 s", index);
        }
        writer.shutdownNow();
    }
}
