package io.logagent.agent.source;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.logagent.agent.config.AgentConfig;
import io.logagent.core.collect.PathAllowlist;
import io.logagent.core.collect.CollectConfigCodec;
import io.logagent.core.etcd.EtcdConnection;
import io.logagent.core.collect.CollectEntry;
import io.logagent.stack.EtcdServer;
import io.logagent.stack.junit.RealServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The config source's etcd logic against a real etcd: revisions, compaction, deletes, persistence. */
@ExtendWith(RealServers.class)
class EtcdConfigSourceIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Client client;
    private final String key = "/logagent-test/" + UUID.randomUUID() + "/collect_config";
    private final List<DesiredConfig> seen = new CopyOnWriteArrayList<>();
    private final URI endpoint;
    private final EtcdServer etcdServer;
    @TempDir
    Path data;
    private EtcdConfigSource source;

    EtcdConfigSourceIT(EtcdServer etcd) {
        this.etcdServer = etcd;
        this.endpoint = URI.create(etcd.endpoint());
        this.client = Client.builder().endpoints(etcd.endpoint()).build();
    }

    @AfterEach
    void close() throws Exception {
        if (source != null) {
            source.stop();
            assertThat(source.awaitStop(WAIT)).isTrue();
        }
        client.close();
    }

    private EtcdConfigSource start(AgentConfig.OnKeyDelete onDelete, LongConsumer afterGet) {
        AgentConfig.Etcd etcd = new AgentConfig.Etcd(
                EtcdConnection.plain(List.of(endpoint), Duration.ofSeconds(2)), key, List.of(), "/unused",
                Duration.ofSeconds(15));
        source = new EtcdConfigSource(client, etcd, new PathAllowlist(List.of("/var/log/**")), onDelete,
                new LastConfigStore(data.resolve("last-config.json"), new CollectConfigCodec()),
                new CollectConfigCodec(), seen::add, afterGet, null);
        source.start();
        return source;
    }

    @Test
    void aChangeMadeBetweenGetAndWatchIsNotMissed() throws Exception {
        put("[" + entry("a") + "]");
        AtomicBoolean once = new AtomicBoolean();
        start(AgentConfig.OnKeyDelete.KEEP, revision -> {
            if (once.compareAndSet(false, true)) {
                put("[" + entry("a") + "," + entry("b") + "]"); // after the Get, before the Watch exists
            }
        });

        await().atMost(WAIT).until(() -> !seen.isEmpty() && seen.getLast().entries().size() == 2);
        assertThat(seen.getFirst().entries()).hasSize(1);
        assertThat(seen.getLast().revision()).isGreaterThan(seen.getFirst().revision());
    }

    @Test
    void aWatchStartingBehindACompactionReadsTheKeyAgain() throws Exception {
        put("[" + entry("a") + "]");
        AtomicBoolean once = new AtomicBoolean();
        start(AgentConfig.OnKeyDelete.KEEP, revision -> {
            if (once.compareAndSet(false, true)) {
                put("[" + entry("b") + "]");
                long last = put("[" + entry("c") + "]");
                try {
                    client.getKVClient().compact(last).get(10, TimeUnit.SECONDS); // revision + 1 is now gone
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });

        await().atMost(WAIT).until(() -> !seen.isEmpty()
                && seen.getLast().entries().getFirst().path().equals("/var/log/c.log"));
        assertThat(once).isTrue();
    }

    @Test
    void theWatchResumesAfterEtcdRestarts() throws Exception {
        put("[" + entry("a") + "]");
        start(AgentConfig.OnKeyDelete.KEEP, r -> { });
        await().atMost(WAIT).until(() -> !seen.isEmpty());

        etcdServer.restart();
        put("[" + entry("a") + "," + entry("b") + "]");

        await().atMost(WAIT).until(() -> seen.getLast().entries().size() == 2);
    }

    @Test
    void deletedKeyKeepsTheLastConfigByDefault() throws Exception {
        put("[" + entry("a") + "]");
        start(AgentConfig.OnKeyDelete.KEEP, r -> { });
        await().atMost(WAIT).until(() -> !seen.isEmpty());
        delete();
        await().atMost(WAIT).until(() -> !seen.getLast().errors().isEmpty());
        assertThat(seen.getLast().entries()).hasSize(1);
        assertThat(seen.getLast().errors().getFirst()).contains("deleted", "on_key_delete=keep");
    }

    @Test
    void deletedKeyStopsEverythingWhenConfiguredSo() throws Exception {
        put("[" + entry("a") + "]");
        start(AgentConfig.OnKeyDelete.STOP, r -> { });
        await().atMost(WAIT).until(() -> !seen.isEmpty());
        delete();
        await().atMost(WAIT).until(() -> seen.getLast().entries().isEmpty());
        assertThat(seen.getLast().errors().getFirst()).contains("on_key_delete=stop");
    }

    @Test
    void everyAppliedConfigIsSavedForAnOfflineStart() throws Exception {
        put("[" + entry("a") + "]");
        start(AgentConfig.OnKeyDelete.KEEP, r -> { });
        put("[" + entry("a") + "," + entry("b") + "]");
        await().atMost(WAIT).until(() -> !seen.isEmpty() && seen.getLast().entries().size() == 2);
        List<CollectEntry> saved = new LastConfigStore(data.resolve("last-config.json"), new CollectConfigCodec())
                .load().orElseThrow();
        assertThat(saved).isEqualTo(seen.getLast().entries());
    }

    private long put(String value) {
        try {
            return client.getKVClient().put(bytes(key), bytes(value)).get(10, TimeUnit.SECONDS).getHeader().getRevision();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void delete() throws Exception {
        client.getKVClient().delete(bytes(key)).get(10, TimeUnit.SECONDS);
    }

    private static String entry(String name) {
        return "{\"path\":\"/var/log/" + name + ".log\",\"topic\":\"" + name + "\"}";
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
