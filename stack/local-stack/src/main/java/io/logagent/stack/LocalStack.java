package io.logagent.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * etcd, Kafka and OpenSearch started together for the demo, each in a subdirectory of one base directory.
 * They start in parallel: the two JVMs spend most of their start-up waiting on class loading and I/O, so the
 * whole stack is ready in about the time of the slowest one (OpenSearch) rather than the sum.
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    private final EtcdServer etcd;
    private final KafkaServer kafka;
    private final OpenSearchServer openSearch;

    private LocalStack(EtcdServer etcd, KafkaServer kafka, OpenSearchServer openSearch) {
        this.etcd = etcd;
        this.kafka = kafka;
        this.openSearch = openSearch;
    }

    /**
     * Starts all three servers under {@code baseDir} ({@code etcd/}, {@code kafka/}, {@code opensearch/}).
     * If one fails, the others are stopped and the first failure is thrown.
     */
    public static LocalStack start(Path baseDir) {
        long begin = System.nanoTime();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService starter = Executors.newFixedThreadPool(3, task -> {
            Thread thread = new Thread(task, "logagent-stack-start-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletableFuture<EtcdServer> etcd = startAsync(starter, EtcdServer::start, baseDir.resolve("etcd"));
            CompletableFuture<KafkaServer> kafka = startAsync(starter, KafkaServer::start, baseDir.resolve("kafka"));
            CompletableFuture<OpenSearchServer> openSearch =
                    startAsync(starter, OpenSearchServer::start, baseDir.resolve("opensearch"));
            try {
                CompletableFuture.allOf(etcd, kafka, openSearch).join();
            } catch (CompletionException e) {
                // Wait for the others too, so none is left starting in the background, then stop what came up.
                List.of(etcd, kafka, openSearch).forEach(future -> future.handle((server, error) -> {
                    if (server != null) {
                        server.close();
                    }
                    return null;
                }).join());
                throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
            }
            LocalStack stack = new LocalStack(etcd.join(), kafka.join(), openSearch.join());
            LOG.info("local stack ready in {} ms: etcd {}, kafka {}, opensearch {}", (System.nanoTime() - begin) / 1_000_000,
                    stack.etcd.endpoint(), stack.kafka.bootstrapServers(), stack.openSearch.httpUrl());
            return stack;
        } finally {
            starter.shutdown();
        }
    }

    private static <T> CompletableFuture<T> startAsync(ExecutorService executor, Function<Path, T> start, Path dir) {
        return CompletableFuture.supplyAsync(() -> start.apply(dir), executor);
    }

    public EtcdServer etcd() {
        return etcd;
    }

    public KafkaServer kafka() {
        return kafka;
    }

    public OpenSearchServer openSearch() {
        return openSearch;
    }

    /** Stops all three, in parallel; each waits for its own graceful shutdown. */
    @Override
    public void close() {
        List<Thread> stoppers = new ArrayList<>();
        for (ChildProcessServer server : List.of(openSearch, kafka, etcd)) {
            stoppers.add(Thread.ofPlatform().daemon().name("logagent-stack-stop-" + server.name()).start(server::close));
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
