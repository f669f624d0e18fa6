package io.logagent.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.logagent.stack.tls.TlsContexts;

/** A 3-member etcd cluster with TLS, client certificates and auth: leader kill -9 and restart on its data. */
class EtcdClusterTest {
    private static EtcdCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("logagent.build.dir", "target")).toAbsolutePath(),
                "etcd-cluster-");
        cluster = EtcdCluster.start(dir, 3, EtcdCluster.Security.TLS_CLIENT_CERT);
        cluster.enableAuth("rootsecret");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void membersServeTlsAndRequireAClientCertificate() throws Exception {
        URI health = URI.create(cluster.members().getFirst().endpoint() + "/health");
        assertThat(health.getScheme()).isEqualTo("https");
        try (HttpClient withCert = HttpClient.newBuilder()
                .sslContext(TlsContexts.client(cluster.ca(), cluster.tls().probe())).build()) {
            assertThat(withCert.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString())
                    .body()).contains("true");
        }
        try (HttpClient noCert = HttpClient.newBuilder().sslContext(TlsContexts.client(cluster.ca(), null)).build()) {
            // Under TLS 1.3 the server checks the client certificate after the client has sent its Finished, so
            // the refusal reaches the client either as a handshake alert or as the connection reset right after.
            assertThatThrownBy(() -> noCert.send(HttpRequest.newBuilder(health).build(),
                    HttpResponse.BodyHandlers.ofString())).rootCause()
                    .isInstanceOfAny(SSLHandshakeException.class, java.net.SocketException.class);
        }
    }

    @Test
    void authIsOnAndTheKilledLeaderComesBackWithItsData() {
        assertThat(cluster.etcdctl("auth", "status")).contains("true");
        cluster.etcdctl("put", "/k", "before");

        EtcdServer leader = cluster.leader();
        long pid = leader.pid();
        leader.kill();
        assertThat(ProcessHandle.of(pid)).isEmpty();
        EtcdServer next = awaitLeader();
        assertThat(next).isNotSameAs(leader);
        putWithRetry("/k", "during");

        leader.start();
        assertThat(leader.pid()).isNotEqualTo(pid);
        assertThat(cluster.etcdctl("get", "/k", "--print-value-only", "--endpoints=" + leader.endpoint(),
                "--consistency=s")).contains("during");
    }

    private static EtcdServer awaitLeader() {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            try {
                return cluster.leader();
            } catch (IllegalStateException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                sleep();
            }
        }
    }

    /** Right after a leader dies a write may time out ("possibly due to previous leader failure"). */
    private static void putWithRetry(String key, String value) {
        for (int i = 0; ; i++) {
            try {
                cluster.etcdctl("put", key, value);
                return;
            } catch (IllegalStateException e) {
                if (i == 20) {
                    throw e;
                }
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
