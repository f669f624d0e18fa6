package io.logagent.transfer.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logagent.transfer.document.LogDocument;
import io.logagent.transfer.health.TransferMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stores a batch of documents with {@code _bulk} and decides the fate of every item, after Graylog's
 * ChunkedBulkIndexer:
 * <ul>
 * <li>stored (2xx) — done;</li>
 * <li>the cluster could not take it (connection refused/reset, timeout, 408, 429, 5xx, 404 for an index deleted
 *     under us) — only those items are resent after a capped exponential backoff, for as long as it takes;</li>
 * <li>413 for the whole request — the batch is halved until it fits; a single document that is still too large
 *     is refused;</li>
 * <li>refused for its content (other 4xx: mapper_parsing_exception, illegal_argument_exception, …) — a document
 *     whose line was parsed as JSON is retried once without the parsed object (a type clash must not lose the
 *     line), otherwise it is returned as {@link BulkResult.Rejected} for the dead-letter topic;</li>
 * <li>401, 403 or a TLS failure ({@link SearchProblemException}) — retried like an outage; {@link SearchHttp}
 *     has already logged it as one ERROR line a minute naming the setting to fix, so no WARN is added here;</li>
 * <li>any other failure of the whole request — {@link FatalIndexException}.</li>
 * </ul>
 * Called by bulk worker threads concurrently; it keeps no state between calls.
 */
public final class BulkIndexer implements BulkStore {

    private static final Logger log = LoggerFactory.getLogger(BulkIndexer.class);

    private final SearchHttp http;
    private final IndexSetup setup;
    private final ObjectMapper mapper;
    private final TransferMetrics metrics;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    public BulkIndexer(SearchHttp http, IndexSetup setup, ObjectMapper mapper, TransferMetrics metrics,
                       Duration initialBackoff, Duration maxBackoff) {
        this.http = http;
        this.setup = setup;
        this.mapper = mapper;
        this.metrics = metrics;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    @Override
    public BulkResult index(List<LogDocument> docs, CountDownLatch abandoned) throws InterruptedException {
        List<LogDocument> pending = docs;
        List<BulkResult.Rejected> rejected = new ArrayList<>();
        int stored = 0;
        Backoff backoff = new Backoff(initialBackoff, maxBackoff);
        while (!pending.isEmpty()) {
            if (abandoned.getCount() == 0) {
                throw new CancellationException("transfer stopping with " + pending.size() + " documents unstored");
            }
            Round round = new Round();
            try {
                ensureIndices(pending);
                send(pending, round);
            } catch (RetriableIndexException e) {
                round.retry.addAll(pending);
                round.cause = e.getMessage();
                round.reported = e.getCause() instanceof SearchProblemException;
            }
            stored += round.stored;
            rejected.addAll(round.rejected);
            pending = new ArrayList<>(round.fallbacks);
            pending.addAll(round.retry);
            if (!round.retry.isEmpty()) {
                metrics.retried(round.retry.size());
                Duration wait = backoff.next();
                if (!round.reported) {
                    log.warn("{} of {} documents not stored, retrying in {} ms: {}", round.retry.size(), docs.size(),
                            wait.toMillis(), round.cause);
                }
                if (abandoned.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new CancellationException("transfer stopping while retrying " + pending.size() + " documents");
                }
            }
        }
        return new BulkResult(stored, rejected);
    }

    private void ensureIndices(List<LogDocument> docs) throws RetriableIndexException {
        Map<String, String> topicByIndex = new LinkedHashMap<>();
        docs.forEach(d -> topicByIndex.putIfAbsent(d.index(), d.record().topic()));
        for (Map.Entry<String, String> e : topicByIndex.entrySet()) {
            setup.ensureIndex(e.getKey(), e.getValue());
        }
    }

    /** Outcome of one pass over the pending documents. */
    private static final class Round {
        int stored;
        final List<LogDocument> retry = new ArrayList<>();
        final List<LogDocument> fallbacks = new ArrayList<>();
        final List<BulkResult.Rejected> rejected = new ArrayList<>();
        String cause;
        /** The cause is a problem SearchHttp already reported (rate-limited): no WARN per retry. */
        boolean reported;
    }

    private void send(List<LogDocument> docs, Round round) {
        SearchHttp.Response r;
        long start = System.nanoTime();
        try {
            r = http.send("POST", "/_bulk", ndjson(docs), SearchHttp.NDJSON);
        } catch (IOException e) {
            round.retry.addAll(docs);
            round.cause = e.toString();
            round.reported = e instanceof SearchProblemException;
            return;
        } finally {
            metrics.bulkLatency().record(Duration.ofNanos(System.nanoTime() - start));
        }
        if (r.status() == 413) {
            if (docs.size() == 1) {
                round.rejected.add(new BulkResult.Rejected(docs.get(0), 413,
                        "request_entity_too_large: document of " + docs.get(0).source().length + " bytes"));
                return;
            }
            log.info("bulk of {} documents too large (413), splitting it in half", docs.size());
            send(docs.subList(0, docs.size() / 2), round);
            send(docs.subList(docs.size() / 2, docs.size()), round);
            return;
        }
        if (retriable(r.status())) {
            round.retry.addAll(docs);
            round.cause = "HTTP " + r.status() + " " + abbreviate(r.text());
            return;
        }
        if (!r.ok()) {
            throw new FatalIndexException("bulk request refused: HTTP " + r.status() + " " + abbreviate(r.text()));
        }
        classifyItems(docs, r, round);
    }

    private void classifyItems(List<LogDocument> docs, SearchHttp.Response r, Round round) {
        JsonNode items;
        try {
            JsonNode root = mapper.readTree(r.body());
            if (!root.path("errors").asBoolean(true)) {
                round.stored += docs.size();
                metrics.indexed(docs.size());
                return;
            }
            items = root.path("items");
        } catch (IOException e) {
            throw new FatalIndexException("unreadable bulk response: " + abbreviate(r.text()));
        }
        if (items.size() != docs.size()) {
            throw new FatalIndexException("bulk response has " + items.size() + " items for " + docs.size() + " documents");
        }
        for (int i = 0; i < docs.size(); i++) {
            LogDocument doc = docs.get(i);
            JsonNode item = items.get(i).elements().next();
            int status = item.path("status").asInt(500);
            if (status >= 200 && status < 300) {
                round.stored++;
                metrics.indexed(1);
            } else if (retriable(status) || status == 404) {
                if (status == 404) {
                    setup.forget(doc.index());
                }
                round.retry.add(doc);
                round.cause = "item status " + status + " " + reason(item.path("error"));
            } else if (doc.hasParsedJson()) {
                log.debug("document {} refused with its parsed JSON ({}), retrying without it", doc.id(),
                        reason(item.path("error")));
                metrics.jsonFallback();
                round.fallbacks.add(doc.withoutParsedJson());
            } else {
                round.rejected.add(new BulkResult.Rejected(doc, status, reason(item.path("error"))));
            }
        }
    }

    private static boolean retriable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    private static String reason(JsonNode error) {
        String text = error.path("type").asText("unknown") + ": " + error.path("reason").asText("");
        JsonNode cause = error.path("caused_by");
        return cause.isMissingNode() ? text : text + " (caused by " + cause.path("type").asText() + ": "
                + cause.path("reason").asText() + ")";
    }

    /** Index names and ids are made of [a-z0-9._-] and base64url characters: nothing to escape. */
    private static byte[] ndjson(List<LogDocument> docs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(docs.stream().mapToInt(LogDocument::sizeInBulk).sum());
        for (LogDocument d : docs) {
            out.writeBytes(("{\"index\":{\"_index\":\"" + d.index() + "\",\"_id\":\"" + d.id() + "\"}}\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.writeBytes(d.source());
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static String abbreviate(String text) {
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }
}
