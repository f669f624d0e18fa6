package io.logagent.agent.status;

import io.logagent.core.status.StatusJson;

import io.logagent.core.status.StatusReport;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.Lease;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.support.CloseableClient;
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
 * A failed write or a lost lease (etcd away longer than the TTL) is repaired on the next tick with a new lease.
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

    public StatusPublisher(KV kv, Lease leases, String key, Supplier<StatusReport> reports, StatusJson json, Clock clock,
                           Duration ttl, Duration refresh, Duration tick, Duration timeout) {
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

    /** Waits for the last tick, then revokes the lease so the status key disappears now rather than after the TTL. */
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        executor.shutdown();
        boolean ended = executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (keepAlive != null) {
            keepAlive.close();
        }
        if (leaseId != 0) {
            try {
                leases.revoke(leaseId).get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
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
                log.info("status written to etcd again");
                failing = false;
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            if (!failing) { // once per outage, not once per tick
                log.warn("cannot write the status to etcd ({}); retrying every {}", e.toString(), tick);
                failing = true;
            }
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
        leaseId = 0;
        leaseId = leases.grant(ttl.toSeconds()).get(timeout.toMillis(), TimeUnit.MILLISECONDS).getID();
        leaseLost = false;
        lastShape = null; // the new lease has no key yet
        keepAlive = leases.keepAlive(leaseId, new StreamObserver<>() {
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
