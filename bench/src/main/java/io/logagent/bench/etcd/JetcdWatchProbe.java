package io.logagent.bench.etcd;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.grpc.stub.StreamObserver;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the agent does with etcd, through jetcd (gRPC over Netty): get the config key, watch it from the next
 * revision, decode each value as JSON, keep a status key alive under a lease. Prints the events seen every second;
 * runs until killed. Args: ENDPOINT KEY.
 */
public final class JetcdWatchProbe {
    private JetcdWatchProbe() {
    }

    public static void main(String[] args) throws Exception {
        LoggerFactory.getLogger(JetcdWatchProbe.class).info("jetcd probe on {}", args[0]); // as the agent logs
        ObjectMapper json = new ObjectMapper();
        ByteSequence key = ByteSequence.from(args[1], StandardCharsets.UTF_8);
        AtomicLong events = new AtomicLong();
        try (Client client = Client.builder().endpoints(args[0]).build()) {
            long revision = client.getKVClient().get(key).get().getHeader().getRevision();
            client.getWatchClient().watch(key, WatchOption.builder().withRevision(revision + 1).build(), r ->
                    r.getEvents().forEach(e -> {
                        try {
                            json.readTree(e.getKeyValue().getValue().getBytes());
                            events.incrementAndGet();
                        } catch (java.io.IOException ex) {
                            throw new IllegalStateException(ex);
                        }
                    }));
            long lease = client.getLeaseClient().grant(10).get().getID();
            client.getLeaseClient().keepAlive(lease, new StreamObserver<LeaseKeepAliveResponse>() {
                @Override public void onNext(LeaseKeepAliveResponse r) { }
                @Override public void onError(Throwable t) { t.printStackTrace(); }
                @Override public void onCompleted() { }
            });
            client.getKVClient().put(ByteSequence.from(args[1] + "/status", StandardCharsets.UTF_8),
                    ByteSequence.from("{\"up\":true}", StandardCharsets.UTF_8),
                    PutOption.builder().withLeaseId(lease).build()).get();
            while (true) {
                Thread.sleep(1000);
                System.out.println("events " + events.get());
            }
        }
    }
}
