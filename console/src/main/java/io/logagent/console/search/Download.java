package io.logagent.console.search;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * {@code /api/download?q&from&to&format=jsonl|text&order}: every line of the search as a file, streamed page by page
 * ({@code search_after} over a range fixed at the start), whatever its size. Header {@code X-Logagent-Total} is the
 * number of matching lines when the download began. If the engine fails part way, the file ends with a line saying
 * after how many lines of how many it stopped and why (the header is already sent by then).
 */
final class Download {

    private static final Logger log = LoggerFactory.getLogger(Download.class);
    static final String TOTAL_HEADER = "X-Logagent-Total";

    private final SearchService search;
    private final Clock clock;

    Download(SearchService search, Clock clock) {
        this.search = search;
        this.clock = clock;
    }

    void handle(Context ctx) throws IOException {
        String format = ctx.queryParamAsClass("format", String.class).getOrDefault("jsonl");
        if (!format.equals("jsonl") && !format.equals("text")) {
            throw new IllegalArgumentException("'format' must be jsonl or text");
        }
        if (ctx.queryParam("size") != null) {
            throw new IllegalArgumentException("a download has no 'size': it streams every matching line");
        }
        boolean text = format.equals("text");
        String q = ctx.queryParam("q");
        TimeRange range = TimeRange.parse(ctx.queryParam("from"), ctx.queryParam("to"), clock);
        SearchService.Page page = new SearchService.Page(SearchService.MAX_SIZE, SearchRoutes.newestFirst(ctx), null);
        SearchService.Hits hits = search.search(q, range, page); // before any byte is sent: a bad query is a 400
        String name = "logagent-" + range.to().toEpochMilli() + (text ? ".log" : ".jsonl");
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        ctx.header(TOTAL_HEADER, Long.toString(hits.total()));
        ctx.contentType(text ? "text/plain; charset=utf-8" : "application/x-ndjson");
        long written = 0;
        OutputStream out = ctx.outputStream();
        while (true) {
            StringBuilder chunk = new StringBuilder();
            for (JsonNode hit : hits.hits()) {
                chunk.append(text ? hit.path("message").asText() : hit.toString()).append('\n');
            }
            out.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
            written += hits.hits().size();
            if (hits.hits().size() < page.size() || hits.lastSort() == null) {
                break;
            }
            page = new SearchService.Page(page.size(), page.newestFirst(), hits.lastSort());
            try {
                hits = search.search(q, range, page);
            } catch (RuntimeException e) {
                log.warn("download stopped after {} of {} lines: {}", written, hits.total(), e.getMessage());
                String why = "download stopped after " + written + " of " + hits.total() + " lines: " + e.getMessage();
                String line = text ? "# " + why
                        : "{\"_download_stopped\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(why)) + "\"}";
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                break;
            }
        }
        out.flush();
    }
}
