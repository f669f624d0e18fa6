package io.logagent.console.alerts;

import java.time.Instant;

/**
 * What a notification says, the webhook's JSON body as it is: {@code state} is {@code firing}, {@code reminder}
 * (still firing) or {@code resolved}; {@code link} opens the matching search (or the page of a pipeline kind).
 */
public record Notice(String rule, String kind, String state, double value, String op, double threshold,
                     String window, String link, Instant at, String description) {

    String subject() {
        return "[logagent] " + rule + " " + state + ": " + format(value) + " (" + op + " " + format(threshold) + ")";
    }

    String text() {
        return "Rule " + rule + " (" + kind + ") is " + state + " at " + at + ".\n"
                + "Value " + format(value) + ", condition " + op + " " + format(threshold)
                + (window == null ? "" : " over " + window) + ".\n"
                + (description == null ? "" : description + "\n")
                + "Open: " + link + "\n";
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
