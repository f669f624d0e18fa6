package io.logagent.console.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where the next page starts: the sort values of the last hit shown ({@code search_after}) and the time range fixed at
 * the first page, so lines arriving meanwhile (newer than its upper bound) never shift the pages: no row is shown
 * twice and none is skipped. Opaque to clients: base64url of a small JSON object.
 *
 * @param after the last hit's sort values (see {@link QueryBuilder#pagingSort})
 */
record Cursor(TimeRange range, boolean newestFirst, JsonNode after) {

    private static final int VERSION = 1;

    String encode(ObjectMapper mapper) {
        ObjectNode o = mapper.createObjectNode();
        o.put("v", VERSION);
        o.put("from", range.from().toEpochMilli());
        o.put("to", range.to().toEpochMilli());
        o.put("order", newestFirst ? "desc" : "asc");
        o.set("after", after);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(o.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException (a 400) when {@code text} is not a cursor this console wrote */
    static Cursor decode(String text, ObjectMapper mapper) {
        try {
            JsonNode o = mapper.readTree(Base64.getUrlDecoder().decode(text.strip()));
            if (o == null || o.path("v").asInt() != VERSION || !o.path("after").isArray()
                    || !o.path("from").canConvertToLong() || !o.path("to").canConvertToLong()) {
                throw new IllegalArgumentException("'after' is not a cursor from this console's 'next'");
            }
            return new Cursor(new TimeRange(Instant.ofEpochMilli(o.path("from").asLong()),
                    Instant.ofEpochMilli(o.path("to").asLong())), !"asc".equals(o.path("order").asText()),
                    o.path("after"));
        } catch (IOException | IllegalArgumentException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage().startsWith("'after'")) {
                throw iae;
            }
            throw new IllegalArgumentException("'after' is not a cursor from this console's 'next'");
        }
    }
}
