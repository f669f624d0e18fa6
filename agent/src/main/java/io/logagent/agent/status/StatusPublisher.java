package io.logagent.agent.status;

import io.logagent.core.status.StatusJson;

import io.logagent.core.status.StatusReport;
import io.logagent.core.time.Deadline;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.Lease;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.options.LeaseOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.support.CloseableClient;
import io.logagent.agent.source.EtcdTrouble;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Keeps the agent's {@link StatusReport} in etcd at {@code status_prefix + ip}, attached to a lease that jetcd keeps
 * alive: when the agent dies the lease expires after its TTL and the key disappears, which is how the console sees
 * an agent go offline. A clean stop revokes the lease, so the key goes at once.
 *
 * <p>Writes: when the report's shape changes (config, entry states, errors; checked every {@code tick}) and at least
 * every {@code refresh} otherwise, so a thousand agents cost etcd a few writes per second, not one per line.
 * A failed write or a broken keep-alive stream is repaired on the next tick: with the same lease while etcd still
 * has it (a leader change, a member killed), with a new one when it expired (etcd away longer than the TTL).
 *
 * <p>Threading: one thread, {@code logagent-status}, does all of it.
 */
public final class StatusPublisher {
    private static final Logger log = LoggerFactory.getLogger(StatusPublisher.class);

    private final KV kv;
    private final Lease leases;
    private final ByteSequence key;
    private final Supplier<StatusReport> reports;
    private final StatusJson json;
    private final Clock clock;
    private final Duration ttl;
    private final Duration refresh;
    private final Duration tick;
    private final Duration timeout;
    private final ScheduledExecutorService executor;
    private long leaseId;
    private CloseableClient keepAlive;
    private volatile boolean leaseLost;
    private String lastShape;
    private Instant lastWrite = Instant.MIN;
    private boolean failing;
    private final EtcdTrouble trouble;
    private final String access;

    public StatusPublisher(KV kv, Lease leases, String key, Supplier<StatusReport> reports, StatusJson json, Clock clock,
                           Duration ttl, Duration refresh, Duration tick, Duration timeout, EtcdTrouble trouble) {
        this.trouble = trouble;
        this.access = "write " + key;
        this.kv = kv;
        this.leases = leases;
        this.key = ByteSequence.from(key, StandardCharsets.UTF_8);
        this.reports = reports;
        this.json = json;
        this.clock = clock;
        this.ttl = ttl;
        this.refresh = refresh;
        this.tick = tick;
        this.timeout = timeout;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "logagent-status"));
    }

    public void start() {
        executor.scheduleWithFixedDelay(this::publish, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void stop() {
        executor.shutdown();
    }

    /**
     * Waits for the last tick, then revokes the lease so the status key disappears now rather than after the TTL;
     * both within {@code timeout} together (the revoke waits {@code [etcd] timeout} only while that fits).
     */
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        Deadline deadline = Deadline.after(timeout, clock);
        executor.shutdown();
        boolean ended = executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (keepAlive != null) {
            keepAlive.close();
        }
        if (leaseId != 0) {
            try {
                leases.revoke(leaseId).get(deadline.capped(this.timeout).remaining().toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                log.warn("cannot revoke the status lease; the status key expires within {} instead: {}", ttl,
                        e.toString());
            }
        }
        return ended;
    }

    private void publish() {
        try {
            if (leaseId == 0 || leaseLost) {
                newLease();
            }
            StatusReport report = reports.get();
            String shape = report.shape();
            Instant now = clock.instant();
            if (shape.equals(lastShape) && Duration.between(lastWrite, now).compareTo(refresh) < 0) {
                return;
            }
            kv.put(key, ByteSequence.from(json.write(report), StandardCharsets.UTF_8),
                    PutOption.builder().withLeaseId(leaseId).build()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            lastShape = shape;
            lastWrite = now;
            if (failing) {
                trouble.recovered(access);
                failing = false;
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // Reported once a minute at most, named (permission denied, wrong password…) when it is ours to fix.
            trouble.failed(access, e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e);
            failing = true;
            leaseLost = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void newLease() throws ExecutionException, TimeoutException, InterruptedException {
        if (keepAlive != null) {
            keepAlive.close();
            keepAlive = null;
        }
        if (leaseId != 0 && stillAlive(leaseId)) {
            // The keep-alive stream broke (the member it used died, a leader changed) but the lease lives on the
            // others: keep it, and the key attached to it, rather than starting a new one.
            leaseLost = false;
            keepAlive(leaseId);
            return;
        }
        leaseId = 0;
        leaseId = leases.grant(ttl.toSeconds()).get(timeout.toMillis(), TimeUnit.MILLISECONDS).getID();
        leaseLost = false;
        lastShape = null; // the new lease has no key yet
        keepAlive(leaseId);
    }

    private boolean stillAlive(long id) throws ExecutionException, TimeoutException, InterruptedException {
        return leases.timeToLive(id, LeaseOption.DEFAULT).get(timeout.toMillis(), TimeUnit.MILLISECONDS).getTTL() > 0;
    }

    private void keepAlive(long id) {
        keepAlive = leases.keepAlive(id, new StreamObserver<>() {
            @Override
            public void onNext(LeaseKeepAliveResponse response) {
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
}
