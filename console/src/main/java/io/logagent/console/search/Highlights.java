package io.logagent.console.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Search-term highlighting without markup: the engine marks matches in the message with two private-use
 * characters, and this class turns the marked copy into {@code [start, end)} character ranges of the original
 * message. The page then cuts the message at those ranges and wraps the matches in {@code <mark>} elements it builds
 * itself, so no log text is ever parsed as HTML.
 */
final class Highlights {

    /** Unicode private-use characters: never produced by the analyzer, and dropped below if a log line holds them. */
    static final String PRE = "\uE000";
    static final String POST = "\uE001";
    static final String FIELD = "message";

    private Highlights() {
    }

    /** The {@code highlight} part of a search body: the whole message (no fragments), marked with PRE/POST. */
    static void request(ObjectNode body) {
        ObjectNode h = body.putObject("highlight");
        h.putArray("pre_tags").add(PRE);
        h.putArray("post_tags").add(POST);
        h.putObject("fields").putObject(FIELD).put("number_of_fragments", 0);
    }

    /**
     * Ranges of {@code marked} in the unmarked text, or none when the unmarked text is not {@code message} (a line
     * that itself contains the marker characters: better no highlight than a wrong one).
     */
    static List<int[]> ranges(String message, String marked) {
        List<int[]> ranges = new ArrayList<>();
        StringBuilder plain = new StringBuilder(message.length());
        int start = -1;
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c == PRE.charAt(0)) {
                start = plain.length();
            } else if (c == POST.charAt(0) && start >= 0) {
                ranges.add(new int[] {start, plain.length()});
                start = -1;
            } else {
                plain.append(c);
            }
        }
        return plain.toString().equals(message) ? ranges : List.of();
    }

    /** Adds {@code _highlight: [[start, end], …]} to {@code doc} from the hit's highlight, if it has one. */
    static void attach(JsonNode hit, ObjectNode doc) {
        JsonNode marked = hit.path("highlight").path(FIELD).path(0);
        if (!marked.isTextual() || !doc.path(FIELD).isTextual()) {
            return;
        }
        var out = doc.putArray("_highlight");
        for (int[] r : ranges(doc.path(FIELD).asText(), marked.asText())) {
            out.addArray().add(r[0]).add(r[1]);
        }
    }
}
