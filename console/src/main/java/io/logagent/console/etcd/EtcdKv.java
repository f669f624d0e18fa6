package io.logagent.console.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The few etcd operations the console needs, synchronous with a timeout (request threads wait for them; a slow
 * etcd turns into a 502, never a hung page). Values are UTF-8 text.
 */
public final class EtcdKv {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** A value and the revision that last modified its key (etcd's mod_revision); 0 for a missing key. */
    public record Versioned(String value, long modRevision) {
        public static final Versioned ABSENT = new Versioned("", 0);
    }

    /** Result of {@link #compareAndPut}: the new revision, or the current state that won. */
    public record CasResult(boolean succeeded, long revision, Versioned current) { }

    private final KV kv;

    public EtcdKv(KV kv) {
        this.kv = kv;
    }

    public Versioned get(String key) {
        GetResponse r = await(kv.get(bytes(key)));
        return r.getKvs().isEmpty() ? Versioned.ABSENT : versioned(r.getKvs().getFirst());
    }

    /** Every key under {@code prefix} with its value, in key order. */
    public Map<String, Versioned> list(String prefix) {
        GetResponse r = await(kv.get(bytes(prefix), GetOption.builder().isPrefix(true).build()));
        Map<String, Versioned> out = new LinkedHashMap<>();
        r.getKvs().forEach(k -> out.put(text(k.getKey()), versioned(k)));
        return out;
    }

    /** The keys under {@code prefix}, without values (config listings must not pull every value). */
    public List<String> keys(String prefix) {
        GetResponse r = await(kv.get(bytes(prefix), GetOption.builder().isPrefix(true).withKeysOnly(true).build()));
        List<String> out = new ArrayList<>();
        r.getKvs().forEach(k -> out.add(text(k.getKey())));
        return out;
    }

    /** The keys under {@code prefix} with their mod_revision, in key order, in one request and without values. */
    public Map<String, Long> revisions(String prefix) {
        GetResponse r = await(kv.get(bytes(prefix), GetOption.builder().isPrefix(true).withKeysOnly(true).build()));
        Map<String, Long> out = new LinkedHashMap<>();
        r.getKvs().forEach(k -> out.put(text(k.getKey()), k.getModRevision()));
        return out;
    }

    /** The last {@code limit} values under {@code prefix}, highest key first. */
    public List<String> newest(String prefix, int limit) {
        GetResponse r = await(kv.get(bytes(prefix), GetOption.builder().isPrefix(true).withLimit(limit)
                .withSortField(GetOption.SortTarget.KEY).withSortOrder(GetOption.SortOrder.DESCEND).build()));
        return r.getKvs().stream().map(k -> text(k.getValue())).toList();
    }

    /**
     * In one transaction: if {@code key}'s mod_revision is still {@code expectedRevision} (0 = key must not exist),
     * put {@code value} and every entry of {@code alsoPut}; otherwise change nothing and return the current value.
     */
    public CasResult compareAndPut(String key, long expectedRevision, String value, Map<String, String> alsoPut) {
        return compareAndPut(key, expectedRevision, value, alsoPut, List.of());
    }

    /** Like {@link #compareAndPut(String, long, String, Map)}, also deleting {@code alsoDelete} when it succeeds. */
    public CasResult compareAndPut(String key, long expectedRevision, String value, Map<String, String> alsoPut,
                                   List<String> alsoDelete) {
        List<Op> puts = new ArrayList<>();
        puts.add(Op.put(bytes(key), bytes(value), PutOption.DEFAULT));
        alsoPut.forEach((k, v) -> puts.add(Op.put(bytes(k), bytes(v), PutOption.DEFAULT)));
        alsoDelete.forEach(k -> puts.add(Op.delete(bytes(k), DeleteOption.DEFAULT)));
        TxnResponse r = await(kv.txn()
                .If(new Cmp(bytes(key), Cmp.Op.EQUAL, CmpTarget.modRevision(expectedRevision)))
                .Then(puts.toArray(Op[]::new))
                .Else(Op.get(bytes(key), GetOption.DEFAULT))
                .commit());
        if (r.isSucceeded()) {
            return new CasResult(true, r.getHeader().getRevision(), new Versioned(value, r.getHeader().getRevision()));
        }
        List<KeyValue> kvs = r.getGetResponses().getFirst().getKvs();
        Versioned current = kvs.isEmpty() ? Versioned.ABSENT : versioned(kvs.getFirst());
        return new CasResult(false, current.modRevision(), current);
    }

    /**
     * In one transaction: if {@code key}'s mod_revision is still {@code expectedRevision}, delete it and
     * {@code alsoDelete} and put {@code alsoPut} (an audit record); otherwise change nothing and return the current value.
     */
    public CasResult compareAndDelete(String key, long expectedRevision, Map<String, String> alsoPut,
                                      List<String> alsoDelete) {
        List<Op> ops = new ArrayList<>();
        ops.add(Op.delete(bytes(key), DeleteOption.DEFAULT));
        alsoDelete.forEach(k -> ops.add(Op.delete(bytes(k), DeleteOption.DEFAULT)));
        alsoPut.forEach((k, v) -> ops.add(Op.put(bytes(k), bytes(v), PutOption.DEFAULT)));
        TxnResponse r = await(kv.txn()
                .If(new Cmp(bytes(key), Cmp.Op.EQUAL, CmpTarget.modRevision(expectedRevision)))
                .Then(ops.toArray(Op[]::new))
                .Else(Op.get(bytes(key), GetOption.DEFAULT))
                .commit());
        if (r.isSucceeded()) {
            return new CasResult(true, r.getHeader().getRevision(), Versioned.ABSENT);
        }
        List<KeyValue> kvs = r.getGetResponses().getFirst().getKvs();
        Versioned current = kvs.isEmpty() ? Versioned.ABSENT : versioned(kvs.getFirst());
        return new CasResult(false, current.modRevision(), current);
    }

    /** Puts and deletes in one transaction (no key twice); answers the revision it made. */
    public long apply(Map<String, String> puts, List<String> deletes) {
        List<Op> ops = new ArrayList<>();
        puts.forEach((k, v) -> ops.add(Op.put(bytes(k), bytes(v), PutOption.DEFAULT)));
        deletes.forEach(k -> ops.add(Op.delete(bytes(k), DeleteOption.DEFAULT)));
        return await(kv.txn().Then(ops.toArray(Op[]::new)).commit()).getHeader().getRevision();
    }

    private static Versioned versioned(KeyValue k) {
        return new Versioned(text(k.getValue()), k.getModRevision());
    }

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EtcdUnavailableException("interrupted while waiting for etcd", e);
        } catch (ExecutionException e) {
            throw new EtcdUnavailableException("etcd request failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new EtcdUnavailableException("etcd did not answer within " + TIMEOUT.toSeconds() + " s", e);
        }
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    private static String text(ByteSequence b) {
        return b.toString(StandardCharsets.UTF_8);
    }

    /** etcd is down or too slow: shown as 502, the user retries. */
    public static final class EtcdUnavailableException extends RuntimeException {
        EtcdUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
