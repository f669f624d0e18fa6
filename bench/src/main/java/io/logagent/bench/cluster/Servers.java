package io.logagent.bench.cluster;

import io.logagent.stack.EtcdServer;
import io.logagent.stack.KafkaServer;
import io.logagent.stack.OpenSearchServer;

import java.nio.file.Path;

/**
 * The real servers (logagent-local-stack's launchers), started on first use and shared by the benchmarks of one
 * run: a benchmark that needs no OpenSearch does not pay for it. Not thread-safe: benchmarks run one at a time.
 */
public final class Servers implements AutoCloseable {
    private final Path dir;
    private EtcdServer etcd;
    private KafkaServer kafka;
    private OpenSearchServer openSearch;

    public Servers(Path dir) {
        this.dir = dir;
    }

    public EtcdServer etcd() {
        if (etcd == null) {
            etcd = EtcdServer.start(dir.resolve("etcd"));
        }
        return etcd;
    }

    public KafkaServer kafka() {
        if (kafka == null) {
            kafka = KafkaServer.start(dir.resolve("kafka"));
        }
        return kafka;
    }

    public OpenSearchServer openSearch() {
        if (openSearch == null) {
            openSearch = OpenSearchServer.start(dir.resolve("opensearch"));
        }
        return openSearch;
    }

    @Override
    public void close() {
        if (openSearch != null) {
            openSearch.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (etcd != null) {
            etcd.close();
        }
    }
}
