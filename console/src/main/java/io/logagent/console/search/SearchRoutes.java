package io.logagent.console.search;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.logagent.console.auth.Role;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /api/search}, {@code /api/histogram}, {@code /api/facets}, {@code /api/context}, {@code /api/tail}. */
public final class SearchRoutes implements io.logagent.console.web.Routes {

    private final SearchService search;
    private final Clock clock;

    public SearchRoutes(SearchService search, Clock clock) {
        this.search = search;
        this.clock = clock;
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/search", this::search, Role.VIEWER);
        app.get("/api/histogram", ctx -> ctx.json(search.histogram(ctx.queryParam("q"), range(ctx))), Role.VIEWER);
        app.get("/api/facets", ctx -> ctx.json(search.facets(ctx.queryParam("q"), range(ctx))), Role.VIEWER);
        app.get("/api/context", this::context, Role.VIEWER);
        app.get("/api/tail", this::tail, Role.VIEWER);
        app.get("/api/download", new Download(search, clock)::handle, Role.VIEWER);
    }

    /**
     * {@code q, from, to, size (1..1000), order=desc|asc}, or {@code q, size, after=<next of the previous answer>}
     * for the following page: the cursor carries the range and order fixed at the first page, so lines arriving
     * meanwhile never make a page repeat or skip a line. The answer repeats the range as epoch ms and has
     * {@code next} (null on the last page).
     */
    private void search(Context ctx) {
        if (ctx.queryParam("start") != null) {
            throw new IllegalArgumentException("'start' is not supported: page with 'after=<next>' from the previous answer");
        }
        String after = ctx.queryParam("after");
        int size = intParam(ctx, "size", 100);
        TimeRange range;
        SearchService.Page page;
        if (after != null && !after.isBlank()) {
            Cursor cursor = search.cursor(after);
            range = cursor.range();
            page = new SearchService.Page(size, cursor.newestFirst(), cursor.after());
        } else {
            range = range(ctx);
            page = new SearchService.Page(size, newestFirst(ctx), null);
        }
        SearchService.Hits hits = search.search(ctx.queryParam("q"), range, page);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", hits.total());
        out.put("hits", hits.hits());
        out.put("from", range.from().toEpochMilli());
        out.put("to", range.to().toEpochMilli());
        out.put("next", search.next(hits, page, range));
        ctx.json(out);
    }

    static boolean newestFirst(Context ctx) {
        String order = ctx.queryParamAsClass("order", String.class).getOrDefault("desc");
        if (!order.equals("desc") && !order.equals("asc")) {
            throw new IllegalArgumentException("'order' must be desc (newest first) or asc (oldest first)");
        }
        return order.equals("desc");
    }

    private void context(Context ctx) {
        String host = required(ctx, "host");
        String path = required(ctx, "path");
        long offset = longParam(ctx, "offset", -1);
        if (offset < 0) {
            throw new IllegalArgumentException("'offset' is required (the byte offset of the line)");
        }
        ctx.json(Map.of("lines", search.context(host, path, ctx.queryParam("file_id"), offset, intParam(ctx, "n", 20))));
    }

    private void tail(Context ctx) {
        Instant now = clock.instant();
        long after = longParam(ctx, "after", now.minusSeconds(60).toEpochMilli());
        SearchService.Hits hits = search.tail(ctx.queryParam("q"), Instant.ofEpochMilli(after), now, intParam(ctx, "size", 500));
        long cursor = hits.hits().isEmpty() ? after
                : Instant.parse(hits.hits().getLast().path("@timestamp").asText(Instant.ofEpochMilli(after).toString())).toEpochMilli();
        ctx.json(Map.of("hits", hits.hits(), "after", cursor));
    }

    TimeRange range(Context ctx) {
        return TimeRange.parse(ctx.queryParam("from"), ctx.queryParam("to"), clock);
    }

    static String required(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("'" + name + "' is required");
        }
        return v;
    }

    static int intParam(Context ctx, String name, int def) {
        return (int) Math.min(Integer.MAX_VALUE, longParam(ctx, name, def));
    }

    static long longParam(Context ctx, String name, long def) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + name + "' must be an integer, got '" + v + "'");
        }
    }
}
