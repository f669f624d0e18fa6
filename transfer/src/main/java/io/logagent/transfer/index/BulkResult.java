package io.logagent.transfer.index;

import io.logagent.transfer.document.LogDocument;

import java.util.List;

/** What became of a batch once no retriable failure is left: the documents the index refused for their content. */
public record BulkResult(int stored, List<Rejected> rejected) {

    public BulkResult {
        rejected = List.copyOf(rejected);
    }

    /** A document refused for its content, with the cluster's reason ({@code type: reason}). */
    public record Rejected(LogDocument document, int status, String reason) { }
}
