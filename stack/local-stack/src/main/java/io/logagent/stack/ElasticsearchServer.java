package io.logagent.stack;

import java.nio.file.Path;

/**
 * A real single-node Elasticsearch 7.10.2 (see {@link SearchNodeServer}), so code written against OpenSearch is
 * also proven against Elasticsearch.
 *
 * <p>It runs on the JVM that runs this one (JDK 21 and 25 both work; -D{@value ChildJvm#JAVA_PROPERTY} picks
 * another). Unlike {@link OpenSearchServer}, the node has no default of 0 replicas (Elasticsearch 7.10 lacks
 * {@code cluster.default_number_of_replicas}): an index created without {@code number_of_replicas: 0} is yellow.
 */
public final class ElasticsearchServer extends SearchNodeServer {

    private ElasticsearchServer(Path dataDir, int[] ports) {
        super("elasticsearch", "elasticsearch-runtime", "io.logagent.stack.elasticsearch.ElasticsearchMain", dataDir,
                ports);
    }

    /** Starts a node on free ports under {@code dataDir} and waits until the cluster is yellow or green. */
    public static ElasticsearchServer start(Path dataDir) {
        ElasticsearchServer server = new ElasticsearchServer(dataDir, FreePorts.pick(2));
        server.start();
        return server;
    }
}
