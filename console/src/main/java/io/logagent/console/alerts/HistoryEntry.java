package io.logagent.console.alerts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * One line of a rule's history: a transition ({@code firing}, {@code resolved}), a {@code reminder}, or a
 * notification given up ({@code delivery_failed}, with the target and reason in {@code detail}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HistoryEntry(Instant time, String event, double value, double threshold, boolean muted, String detail) { }
