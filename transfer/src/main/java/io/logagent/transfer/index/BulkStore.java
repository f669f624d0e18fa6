package io.logagent.transfer.index;

import io.logagent.transfer.document.LogDocument;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;

/**
 * Where the bulk workers store a batch: {@link BulkIndexer} against a cluster; a seam so that the consumer's
 * at-least-once rules can be unit-tested against an in-memory store.
 */
public interface BulkStore {

    /**
     * Returns once every document is stored or refused for its content.
     *
     * @param abandoned counted down when the transfer stops: retries give up with {@link CancellationException}
     *                  (the batch is then not committed and will be consumed again)
     */
    BulkResult index(List<LogDocument> docs, CountDownLatch abandoned) throws InterruptedException;
}
