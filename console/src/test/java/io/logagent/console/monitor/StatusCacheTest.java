package io.logagent.console.monitor;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.logagent.core.status.StatusJson;
import io.logagent.stack.EtcdServer;
import io.logagent.stack.junit.RealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The watch-fed status cache against a real etcd: the first snapshot, a put, an unreadable value, a delete. */
@ExtendWith(RealServers.class)
class StatusCacheTest {

    static final String PREFIX = "/logagent/status-cache-test/";

    @Test
    void followsEveryStatusUnderThePrefix(EtcdServer etcd) throws Exception {
        try (Client client = Client.builder().endpoints(etcd.endpoint()).build()) {
            put(client, PREFIX + "10.9.0.1", "{\"host\":\"10.9.0.1\",\"version\":\"1.0\"}");
            StatusCache cache = new StatusCache(client, PREFIX, Duration.ofSeconds(5), new StatusJson());
            assertThat(cache.current()).as("nothing vouched for before the first snapshot").isEmpty();
            cache.start();
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> cache.current().isPresent());
                assertThat(cache.current().orElseThrow().get("10.9.0.1").report().version()).isEqualTo("1.0");

                put(client, PREFIX + "10.9.0.2", "{\"host\":\"10.9.0.2\",\"version\":\"2.0\"}");
                put(client, PREFIX + "10.9.0.3", "not json");
                await().atMost(Duration.ofSeconds(10)).until(() -> cache.current().orElseThrow().size() == 3);
                Map<String, AgentStatuses.Reported> now = cache.current().orElseThrow();
                assertThat(now.get("10.9.0.2").report().version()).isEqualTo("2.0");
                assertThat(now.get("10.9.0.3").report()).isNull();
                assertThat(now.get("10.9.0.3").unreadable()).startsWith("unreadable status");
                assertThat(now.keySet()).containsExactly("10.9.0.1", "10.9.0.2", "10.9.0.3"); // in key order

                client.getKVClient().delete(bytes(PREFIX + "10.9.0.1")).get(10, TimeUnit.SECONDS); // lease ended
                await().atMost(Duration.ofSeconds(10)).until(() -> !cache.current().orElseThrow().containsKey("10.9.0.1"));
            } finally {
                cache.close();
                client.getKVClient().delete(bytes(PREFIX), io.etcd.jetcd.options.DeleteOption.builder().isPrefix(true)
                        .build()).get(10, TimeUnit.SECONDS);
            }
        }
    }

    static void put(Client client, String key, String value) throws Exception {
        client.getKVClient().put(bytes(key), bytes(value)).get(10, TimeUnit.SECONDS);
    }

    static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
