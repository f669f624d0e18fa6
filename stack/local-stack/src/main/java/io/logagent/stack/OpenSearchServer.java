package io.logagent.stack;

import java.nio.file.Path;
import java.util.List;

/**
 * A real single-node OpenSearch 3.8 (see {@link SearchNodeServer}). Needs a JVM of version 21 or newer
 * (OpenSearch 3 is compiled for 21). Its indices default to 0 replicas, so they are green on one node.
 */
public final class OpenSearchServer extends SearchNodeServer {

    private OpenSearchServer(Path dataDir, int[] ports) {
        super("opensearch", "opensearch-runtime", "io.logagent.stack.opensearch.OpenSearchMain", dataDir, ports);
    }

    /** Starts a node on free ports under {@code dataDir} and waits until the cluster is yellow or green. */
    public static OpenSearchServer start(Path dataDir) {
        OpenSearchServer server = new OpenSearchServer(dataDir, FreePorts.pick(2));
        server.start();
        return server;
    }

    @Override
    protected List<String> command() {
        if (Runtime.version().feature() < 21 && System.getProperty(ChildJvm.JAVA_PROPERTY) == null) {
            throw new IllegalStateException("OpenSearch 3 needs Java 21+, this JVM is " + Runtime.version()
                    + "; run on a newer JDK or pass -D" + ChildJvm.JAVA_PROPERTY + "=/path/to/jdk21+/bin/java");
        }
        return super.command();
    }
}
