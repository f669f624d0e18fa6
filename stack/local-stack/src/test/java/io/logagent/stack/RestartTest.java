package io.logagent.stack;

import static io.logagent.stack.RealServersTest.consumeAll;
import static io.logagent.stack.RealServersTest.produce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.logagent.stack.junit.RealServers;

/** Stopping a server must really take it down, and starting it again must keep its address and its data. */
@ExtendWith(RealServers.class)
class RestartTest {

    @Test
    void kafkaComesBackOnTheSamePortWithItsData(KafkaServer kafka) throws Exception {
        String topic = "restart-" + UUID.randomUUID();
        String bootstrap = kafka.bootstrapServers();
        produce(kafka, topic, "before");
        long pidBefore = kafka.pid();

        kafka.stop();
        assertThat(kafka.isRunning()).isFalse();
        assertThat(ProcessHandle.of(pidBefore)).isEmpty();
        assertThatThrownBy(() -> connect(kafka.port())).isInstanceOf(ConnectException.class);

        kafka.start();
        assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
        assertThat(kafka.pid()).isNotEqualTo(pidBefore);
        produce(kafka, topic, "after");
        assertThat(consumeAll(kafka, topic, 2)).containsExactly("before", "after");
    }

    @Test
    void openSearchComesBackOnTheSamePortWithItsData(OpenSearchServer openSearch) throws Exception {
        String doc = openSearch.httpUrl() + "/restart/_doc/1";
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(doc + "?refresh=true"))
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"n\":1}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isIn(200, 201);

            openSearch.restart();

            HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(doc)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).as(get.body()).isEqualTo(200);
            assertThat(get.body()).contains("\"n\":1");
        }
    }

    @Test
    void etcdComesBackWithItsData(EtcdServer etcd) throws Exception {
        String endpoint = etcd.endpoint();
        etcd.stop();
        assertThatThrownBy(() -> connect(etcd.clientPort())).isInstanceOf(ConnectException.class);
        etcd.start();
        assertThat(etcd.endpoint()).isEqualTo(endpoint);
        assertThat(etcd.isRunning()).isTrue();
    }

    @Test
    void killedEtcdDiesWithItsWrapperAndComesBackWithItsData(EtcdServer etcd) throws Exception {
        long wrapper = etcd.pid();
        java.util.List<Long> children = ProcessHandle.of(wrapper).orElseThrow().descendants().map(ProcessHandle::pid).toList();
        assertThat(children).isNotEmpty();

        etcd.kill();
        assertThat(etcd.isRunning()).isFalse();
        assertThat(ProcessHandle.of(wrapper)).isEmpty();
        // etcd itself (the wrapper's child) is gone too: nothing listens on its port any more.
        assertThatThrownBy(() -> connect(etcd.clientPort())).isInstanceOf(ConnectException.class);

        etcd.start();
        assertThat(etcd.isRunning()).isTrue();
        connect(etcd.clientPort());
    }

    private static void connect(int port) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        }
    }
}
