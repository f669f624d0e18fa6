package io.logagent.console.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.logagent.console.etcd.EtcdKv;
import io.logagent.stack.EtcdServer;
import io.logagent.stack.junit.RealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The evaluator's etcd records against a real etcd: the history stays within its bound; writes are fenced. */
@ExtendWith(RealServers.class)
class AlertStoreTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String KEY = "/logagent/alert-evaluator-store-test";

    @Test
    void historyKeepsTheNewestWithinItsBound(EtcdServer etcd) throws Exception {
        try (Client client = Client.builder().endpoints(etcd.endpoint()).build()) {
            EtcdKv kv = new EtcdKv(client.getKVClient());
            AlertStore store = new AlertStore(kv, MAPPER, 3);
            EvaluatorLease lease = new EvaluatorLease(client, KEY, "store-test", Duration.ofSeconds(5));
            assertThat(lease.holdOrAcquire()).isTrue();
            Instant t = Instant.parse("2026-12-02T10:00:00Z");
            for (int i = 0; i < 5; i++) {
                HistoryEntry h = new HistoryEntry(t.plusSeconds(i), i % 2 == 0 ? "firing" : "resolved", i, 10, false,
                        null);
                AlertStore.Writes w = store.writes("bounded", AlertState.INITIAL, List.of(h));
                assertThat(lease.putIfHolder(w.puts(), w.deletes())).isTrue();
            }
            assertThat(kv.keys(AlertStore.historyPrefix("bounded"))).hasSize(3);
            assertThat(store.history("bounded", 100)).extracting(HistoryEntry::value).containsExactly(4.0, 3.0, 2.0);
            assertThat(store.state("bounded").state()).isEqualTo(AlertState.Status.OK);
            lease.release();
            AlertStore.Writes cleanup = new AlertStore.Writes(Map.of(), store.keysOf("bounded"));
            kv.apply(cleanup.puts(), cleanup.deletes());
        }
    }

    @Test
    void aConsoleThatLostTheKeyCanNoLongerWriteAndAnotherTakesIt(EtcdServer etcd) throws Exception {
        try (Client a = Client.builder().endpoints(etcd.endpoint()).build();
             Client b = Client.builder().endpoints(etcd.endpoint()).build()) {
            EvaluatorLease leaseA = new EvaluatorLease(a, KEY, "a", Duration.ofSeconds(5));
            EvaluatorLease leaseB = new EvaluatorLease(b, KEY, "b", Duration.ofSeconds(5));
            assertThat(leaseA.holdOrAcquire()).isTrue();
            assertThat(leaseB.holdOrAcquire()).isFalse();
            assertThat(leaseB.holder()).hasValueSatisfying(h -> assertThat(h).startsWith("a#"));

            // As when A's lease expires: the key goes, B takes it, and A's next write is refused.
            a.getKVClient().delete(ByteSequence.from(KEY, StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
            assertThat(leaseB.holdOrAcquire()).isTrue();
            assertThat(leaseA.putIfHolder(Map.of("/logagent/alert-state/fenced", "{}"), List.of())).isFalse();
            assertThat(new EtcdKv(a.getKVClient()).get("/logagent/alert-state/fenced").modRevision()).isZero();
            assertThat(leaseA.holdOrAcquire()).isFalse();

            leaseB.release(); // gives the key up at once: A takes it in its next round
            assertThat(leaseA.holdOrAcquire()).isTrue();
            leaseA.release();
        }
    }
}
