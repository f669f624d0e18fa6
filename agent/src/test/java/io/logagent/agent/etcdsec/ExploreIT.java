package io.logagent.agent.etcdsec;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.logagent.core.etcd.EtcdClientSettings;
import io.logagent.core.etcd.EtcdClients;
import io.logagent.stack.EtcdCluster;
import io.logagent.stack.tls.CertificateAuthority;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

class ExploreIT {
    @Test
    void explore() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "explore-");
        try (EtcdCluster c = EtcdCluster.start(dir, 3, EtcdCluster.Security.TLS_CLIENT_CERT)) {
            c.enableAuth("rootpw");
            c.etcdctl("user", "add", "agent:agentpw");
            c.etcdctl("role", "add", "agent");
            c.etcdctl("role", "grant-permission", "agent", "read", "/a");
            c.etcdctl("user", "grant-role", "agent", "agent");
            CertificateAuthority ca = c.ca();
            CertificateAuthority.Identity client = ca.issue("agent");
            List<URI> eps = Arrays.stream(c.endpoints().split(",")).map(URI::create).toList();
            CertificateAuthority other = CertificateAuthority.create(dir.resolve("other"), "other");
            CertificateAuthority.Identity expired = ca.issueExpired("agent-exp");
            var ok = new EtcdClientSettings.Values(eps, Duration.ofSeconds(3), "agent", "agentpw", ca.certPem(), client.certChainPem(), client.keyPem());
            run("ok", ok);
            c.members().forEach(m -> {}); 
            run("wrongpw", new EtcdClientSettings.Values(eps, Duration.ofSeconds(3), "agent", "bad", ca.certPem(), client.certChainPem(), client.keyPem()));
            run("nouser", new EtcdClientSettings.Values(eps, Duration.ofSeconds(3), "nobody", "bad", ca.certPem(), client.certChainPem(), client.keyPem()));
            run("unknownca", new EtcdClientSettings.Values(eps, Duration.ofSeconds(3), "agent", "agentpw", other.certPem(), client.certChainPem(), client.keyPem()));
            run("nocert", new EtcdClientSettings.Values(eps, Duration.ofSeconds(3), "agent", "agentpw", ca.certPem(), null, null));
            run("expiredclient", new EtcdClientSettings.Values(eps, Duration.ofSeconds(3), "agent", "agentpw", ca.certPem(), expired.certChainPem(), expired.keyPem()));
            run("othercaclient", new EtcdClientSettings.Values(eps, Duration.ofSeconds(3), "agent", "agentpw", ca.certPem(), other.issue("x").certChainPem(), dir.resolve("other/x-key.pem")));
            CertificateAuthority.Identity expiredServer = ca.issueExpired("srv-exp", "ip:127.0.0.1");
            run("noauth", new EtcdClientSettings.Values(eps, Duration.ofSeconds(3), "", "", ca.certPem(), client.certChainPem(), client.keyPem()));
        }
    }

    private static void run(String name, EtcdClientSettings.Values v) {
        try (Client client = EtcdClients.create(v)) {
            for (String key : List.of("/a", "/b")) {
                try {
                    var r = client.getKVClient().get(ByteSequence.from(key, StandardCharsets.UTF_8)).get(8, TimeUnit.SECONDS);
                    System.out.println("EXPLORE " + name + " " + key + " OK " + r.getCount());
                } catch (Exception e) {
                    StringBuilder sb = new StringBuilder();
                    for (Throwable t = e; t != null; t = t.getCause()) sb.append(" <- ").append(t.getClass().getName()).append(": ").append(t.getMessage());
                    System.out.println("EXPLORE " + name + " " + key + sb);
                }
            }
        }
    }
}
