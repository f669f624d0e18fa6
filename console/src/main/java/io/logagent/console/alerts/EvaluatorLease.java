package io.logagent.console.alerts;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.support.CloseableClient;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Which console evaluates the alert rules: the one holding {@code key}, put under its own etcd lease. A console that
 * dies stops renewing; etcd deletes the key when the lease expires and the next console to try takes it. Every write
 * of alert state goes through {@link #putIfHolder}, a transaction conditioned on the key still holding this console's
 * token, so a console that lost the key (paused, partitioned) can no longer change the state, and it sends a
 * notification only after such a write succeeded.
 *
 * <p>Called from the evaluator thread only; the keep-alive stream reports a lost lease from jetcd's threads
 * through the volatile {@link #leaseLost}.
 */
final class EvaluatorLease {

    private static final Logger log = LoggerFactory.getLogger(EvaluatorLease.class);
    private static final long TIMEOUT_S = 5;

    private final Client client;
    private final ByteSequence key;
    private volatile String identity;
    private final Duration ttl;
    private long leaseId;
    private CloseableClient keepAlive;
    private volatile boolean leaseLost = true;
    private ByteSequence token;

    /** @param identity shown as the evaluating console (e.g. host:port); a lease id is added to make it unique */
    EvaluatorLease(Client client, String key, String identity, Duration ttl) {
        this.client = client;
        this.key = bytes(key);
        this.identity = identity;
        this.ttl = ttl;
    }

    /** How this console is named in the key (its URL, known once it listens); before the first round. */
    void identify(String name) {
        this.identity = name;
    }

    /** True when this console holds the key now, after taking it if it is free. */
    boolean holdOrAcquire() throws Exception {
        if (leaseLost) {
            renewLease();
        }
        if (token != null) {
            Optional<String> holder = holder();
            if (holder.isPresent() && holder.get().equals(text(token))) {
                return true;
            }
            log.warn("this console no longer evaluates alerts (the key is held by {})", holder.orElse("nobody"));
            token = null;
        }
        ByteSequence mine = bytes(identity + "#" + Long.toHexString(leaseId));
        TxnResponse r = await(client.getKVClient().txn()
                .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                .Then(Op.put(key, mine, PutOption.builder().withLeaseId(leaseId).build()))
                .commit());
        if (r.isSucceeded()) {
            token = mine;
            log.info("this console evaluates the alert rules now ({})", text(mine));
        }
        return token != null;
    }

    /** The holder's token, if any console holds the key. */
    Optional<String> holder() throws Exception {
        List<KeyValue> kvs = await(client.getKVClient().get(key, GetOption.DEFAULT)).getKvs();
        return kvs.isEmpty() ? Optional.empty() : Optional.of(text(kvs.getFirst().getValue()));
    }

    /** Puts and deletes in one transaction if this console still holds the key; false (nothing changed) if not. */
    boolean putIfHolder(Map<String, String> puts, List<String> deletes) throws Exception {
        if (token == null) {
            return false;
        }
        List<Op> ops = new ArrayList<>();
        puts.forEach((k, v) -> ops.add(Op.put(bytes(k), bytes(v), PutOption.DEFAULT)));
        deletes.forEach(k -> ops.add(Op.delete(bytes(k), DeleteOption.DEFAULT)));
        TxnResponse r = await(client.getKVClient().txn()
                .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.value(token)))
                .Then(ops.toArray(Op[]::new))
                .commit());
        if (!r.isSucceeded()) {
            log.warn("alert state not written: this console no longer holds {}", text(key));
            token = null;
        }
        return r.isSucceeded();
    }

    /** Gives the key up at once (revoking the lease deletes it), so another console takes over without waiting. */
    void release() {
        closeKeepAlive();
        if (leaseId != 0) {
            try {
                await(client.getLeaseClient().revoke(leaseId));
            } catch (Exception e) {
                log.info("could not revoke the alert evaluator's lease ({}); it expires within {} s", e.toString(),
                        ttl.toSeconds());
            }
        }
        token = null;
        leaseId = 0;
        leaseLost = true;
    }

    private void renewLease() throws Exception {
        closeKeepAlive();
        token = null;
        if (leaseId != 0) {
            // The keep-alive stream broke but etcd may still hold the old lease: give it (and the key) up now.
            client.getLeaseClient().revoke(leaseId).exceptionally(e -> null);
        }
        leaseId = await(client.getLeaseClient().grant(ttl.toSeconds())).getID();
        leaseLost = false;
        keepAlive = client.getLeaseClient().keepAlive(leaseId, new StreamObserver<>() {
            @Override
            public void onNext(LeaseKeepAliveResponse value) {
                if (value.getTTL() <= 0) {
                    leaseLost = true;
                }
            }

            @Override
            public void onError(Throwable t) {
                leaseLost = true;
            }

            @Override
            public void onCompleted() {
                leaseLost = true;
            }
        });
    }

    private void closeKeepAlive() {
        if (keepAlive != null) {
            keepAlive.close();
            keepAlive = null;
        }
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    private static String text(ByteSequence b) {
        return b.toString(StandardCharsets.UTF_8);
    }
}
