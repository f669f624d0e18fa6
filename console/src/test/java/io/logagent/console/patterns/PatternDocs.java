package io.logagent.console.patterns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Documents in the transfer's shape with pattern fields, for the API and browser tests. */
public final class PatternDocs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PatternDocs() {
    }

    /** @param id the pattern_id, or null for a line indexed without patterns */
    public static String doc(Instant time, String level, String message, String id, String pattern)
            throws JsonProcessingException {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("@timestamp", time.toString());
        d.put("level", level);
        d.put("topic", "app");
        d.put("message", message);
        if (id != null) {
            d.put("pattern_id", id);
            d.put("pattern", pattern);
        }
        return JSON.writeValueAsString(d);
    }
}
