package io.logagent.console.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;

import java.time.Clock;

/** {@code /api/download?format=jsonl|text}: the current search as a file, at most {@link SearchService#MAX_SIZE} lines. */
final class Download {

    private final SearchService search;
    private final Clock clock;

    Download(SearchService search, Clock clock) {
        this.search = search;
        this.clock = clock;
    }

    void handle(Context ctx) {
        String format = ctx.queryParamAsClass("format", String.class).getOrDefault("jsonl");
        if (!format.equals("jsonl") && !format.equals("text")) {
            throw new IllegalArgumentException("'format' must be jsonl or text");
        }
        TimeRange range = TimeRange.parse(ctx.queryParam("from"), ctx.queryParam("to"), clock);
        int size = SearchRoutes.intParam(ctx, "size", SearchService.MAX_SIZE);
        SearchService.Hits hits = search.search(ctx.queryParam("q"), range, size);
        StringBuilder out = new StringBuilder();
        for (JsonNode hit : hits.hits()) {
            out.append(format.equals("text") ? hit.path("message").asText() : hit.toString()).append('\n');
        }
        String name = "logagent-" + range.to().toEpochMilli() + (format.equals("text") ? ".log" : ".jsonl");
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        ctx.contentType(format.equals("text") ? "text/plain; charset=utf-8" : "application/x-ndjson");
        ctx.result(out.toString());
    }
}
