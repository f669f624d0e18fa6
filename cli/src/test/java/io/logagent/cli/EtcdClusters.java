package io.logagent.cli;

import io.logagent.stack.EtcdCluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fresh directory for a test class's etcd cluster, under the build directory like RealServers' servers. */
final class EtcdClusters {
    private EtcdClusters() {
    }

    static EtcdCluster start(String name, EtcdCluster.Security security) throws IOException {
        Path base = Files.createDirectories(Path.of(System.getProperty("logagent.build.dir", "target"), "real-servers"));
        return EtcdCluster.start(Files.createTempDirectory(base.toAbsolutePath(), name + "-"), 3, security);
    }

    /** The etcdctl lines the README gives for an agent's least-privilege role (host key, groups and their canary keys, status key). */
    static void addAgentUser(EtcdCluster cluster, String user, String password, String ip, String... groups) {
        cluster.etcdctl("role", "add", user);
        cluster.etcdctl("role", "grant-permission", user, "read", "/logagent/" + ip + "/collect_config");
        for (String group : groups) {
            cluster.etcdctl("role", "grant-permission", user, "read", "/logagent/groups/" + group + "/collect_config");
            // the group's canary key for this host (a staged rollout reaches it there first)
            cluster.etcdctl("role", "grant-permission", user, "read",
                    "/logagent/groups/" + group + "/collect_config/canary/" + ip);
        }
        cluster.etcdctl("role", "grant-permission", user, "readwrite", "/logagent/status/" + ip);
        cluster.etcdctl("user", "add", user + ":" + password);
        cluster.etcdctl("user", "grant-role", user, user);
    }

    /** The console's editor: reads and writes everything under /logagent/ (configs, groups, audit, statuses). */
    static void addEditorUser(EtcdCluster cluster, String user, String password) {
        cluster.etcdctl("role", "add", "logagent-editor");
        cluster.etcdctl("role", "grant-permission", "logagent-editor", "--prefix=true", "readwrite", "/logagent/");
        cluster.etcdctl("user", "add", user + ":" + password);
        cluster.etcdctl("user", "grant-role", user, "logagent-editor");
    }
}
