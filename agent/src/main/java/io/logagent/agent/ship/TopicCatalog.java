package io.logagent.agent.ship;

import java.time.Duration;

/**
 * What the shipper asks Kafka about a topic before its first record: how many partitions it has (keyless events
 * are spread by file over them). Asked once per topic; the answer is cached by the shipper.
 *
 * <p>The answer is one of three, and the shipper acts on each differently:
 * <ul>
 *   <li>a partition count;</li>
 *   <li>{@link org.apache.kafka.common.errors.UnknownTopicOrPartitionException}: Kafka answered, the topic does not
 *       exist and will not be created on first use (fatal for the entries writing to it: they go to ERROR and try
 *       again after their backoff, so creating the topic later heals them);</li>
 *   <li>{@link org.apache.kafka.common.errors.TimeoutException}: Kafka did not answer (retriable: the harvester
 *       waits and asks again, the file is the buffer).</li>
 * </ul>
 */
@FunctionalInterface
public interface TopicCatalog extends AutoCloseable {

    /**
     * @throws org.apache.kafka.common.errors.UnknownTopicOrPartitionException the topic is missing for good
     * @throws org.apache.kafka.common.errors.TimeoutException                Kafka is unreachable
     * @throws InterruptedException                                           the calling harvester is stopping
     */
    int partitions(String topic) throws InterruptedException;

    /** Releases the catalog's connections. */
    @Override
    default void close() {
    }

    /** Releases the catalog's connections, waiting at most {@code wait}; the shipper calls it on stop. */
    default void close(Duration wait) {
        close();
    }
}
