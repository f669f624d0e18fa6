package io.logagent.transfer.consume;

import io.logagent.transfer.document.LogDocument;

import java.util.List;

/** Documents sent together in one bulk request, and the ledger segments their storing completes. */
record Batch(List<LogDocument> documents, List<OffsetLedger.Segment> segments) {
    Batch {
        documents = List.copyOf(documents);
        segments = List.copyOf(segments);
    }
}
