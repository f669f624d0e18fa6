package io.logagent.bench.cluster;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Puts collect configs where the agent (and the simulated agents of the scale benchmark) watch for them. */
public final class EtcdKeys implements AutoCloseable {
    private final Client client;

    public EtcdKeys(String endpoint) {
        this.client = Client.builder().endpoints(endpoint).build();
    }

    public void put(String key, String value) throws Exception {
        client.getKVClient().put(bytes(key), bytes(value)).get(10, TimeUnit.SECONDS);
    }

    public Client client() {
        return client;
    }

    public static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    /** The seed's JSON list with one entry per path, all read from the beginning. */
    public static String collectConfig(String topic, String... paths) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < paths.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"path\":\"").append(paths[i]).append("\",\"topic\":\"")
                    .append(topic).append("\",\"from\":\"beginning\"}");
        }
        return json.append(']').toString();
    }

    @Override
    public void close() {
        client.close();
    }
}
