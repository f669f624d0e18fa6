package io.logagent.stack;

import io.logagent.stack.tls.CertificateAuthority;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one {@link KafkaServer} is set up: its node id, its ports, the controller quorum it votes in, the heap, and
 * optionally a secured client listener. A single node is its own quorum; the nodes of a {@link KafkaCluster} share
 * {@code voters} and {@code clusterId}.
 *
 * @param voters    {@code controller.quorum.voters}, e.g. {@code 1@127.0.0.1:P1,2@127.0.0.1:P2,3@127.0.0.1:P3}
 * @param overrides broker properties that win over everything derived here
 */
public record KafkaNode(int nodeId, int brokerPort, int controllerPort, String voters, String clusterId, int heapMb,
                        Optional<Security> security, Map<String, String> overrides) {

    public KafkaNode {
        overrides = Map.copyOf(overrides);
    }

    /**
     * A {@code SASL_SSL} client listener (SCRAM-SHA-512 and -256, TLS with a certificate from {@code ca}) and the
     * {@code StandardAuthorizer}: nobody may do anything without an ACL except the brokers themselves (user
     * {@link #BROKER_USER}, the only super user). The controller listener uses SASL PLAIN as the same user, so no
     * anonymous principal ever is a super user.
     *
     * @param users SCRAM users (name → password) created when the storage is formatted
     */
    public record Security(CertificateAuthority ca, CertificateAuthority.Identity brokerIdentity,
                           Map<String, String> users) {
        public static final String BROKER_USER = "broker";

        public Security {
            users = Map.copyOf(users);
            if (!users.containsKey(BROKER_USER)) {
                throw new IllegalArgumentException("the users must include '" + BROKER_USER + "', the brokers' own");
            }
        }

        @Override
        public String toString() { // the passwords are test secrets, still kept out of logs
            return "Security[ca=" + ca.certPem() + ", users=" + users.keySet() + "]";
        }
    }

    /** Broker properties of this node (before {@link #overrides}). */
    Map<String, String> properties(Path dataDir) {
        Map<String, String> p = new LinkedHashMap<>();
        int replicas = voters.split(",").length;
        String rf = Integer.toString(Math.min(3, replicas));
        String minIsr = Integer.toString(replicas >= 3 ? 2 : 1);
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(nodeId));
        p.put("controller.quorum.voters", voters);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("log.dirs", dataDir.resolve("kraft").toString());
        p.put("auto.create.topics.enable", "true");
        p.put("num.partitions", "1");
        p.put("default.replication.factor", rf);
        p.put("min.insync.replicas", minIsr);
        p.put("unclean.leader.election.enable", "false");
        // Every internal topic must fit the node count, or groups and transactions hang.
        p.put("offsets.topic.replication.factor", rf);
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", rf);
        p.put("transaction.state.log.min.isr", minIsr);
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", rf);
        p.put("share.coordinator.state.topic.min.isr", minIsr);
        // Tests create consumer groups all the time; the default 3 s delay would slow each one down.
        p.put("group.initial.rebalance.delay.ms", "0");
        // The default 128 MiB dedupe buffer does not fit a 256 MB heap comfortably.
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        if (replicas > 1) {
            // Fewer threads per broker when several share the machine's cores.
            p.put("num.network.threads", "2");
            p.put("num.io.threads", "2");
            p.put("background.threads", "2");
            p.put("num.recovery.threads.per.data.dir", "1");
        }
        if (security.isEmpty()) {
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        } else {
            secured(p, security.get());
        }
        p.putAll(overrides);
        return p;
    }

    private void secured(Map<String, String> p, Security s) {
        String brokerPassword = s.users().get(Security.BROKER_USER);
        p.put("listeners", "SASL_SSL://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "SASL_SSL://127.0.0.1:" + brokerPort);
        p.put("inter.broker.listener.name", "SASL_SSL");
        p.put("listener.security.protocol.map", "CONTROLLER:SASL_PLAINTEXT,SASL_SSL:SASL_SSL");
        p.put("sasl.enabled.mechanisms", "SCRAM-SHA-512,SCRAM-SHA-256");
        p.put("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512");
        // Every enabled mechanism needs a JAAS entry on the listener; the broker's own login is the same.
        for (String mechanism : List.of("scram-sha-512", "scram-sha-256")) {
            p.put("listener.name.sasl_ssl." + mechanism + ".sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + Security.BROKER_USER
                            + "\" password=\"" + brokerPassword + "\";");
        }
        // SCRAM credentials live in the metadata log, which controllers must read before they could check them:
        // the controller listener authenticates with PLAIN against its own JAAS entry instead.
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.put("listener.name.controller.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + Security.BROKER_USER
                        + "\" password=\"" + brokerPassword + "\" user_" + Security.BROKER_USER + "=\""
                        + brokerPassword + "\";");
        p.put("ssl.keystore.type", "PKCS12");
        p.put("ssl.keystore.location", s.brokerIdentity().keystore().toString());
        p.put("ssl.keystore.password", s.brokerIdentity().password());
        p.put("ssl.key.password", s.brokerIdentity().password());
        p.put("ssl.truststore.type", "PKCS12");
        p.put("ssl.truststore.location", s.ca().truststore().toString());
        p.put("ssl.truststore.password", s.ca().password());
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", "User:" + Security.BROKER_USER);
        p.put("allow.everyone.if.no.acl.found", "false");
    }

    /** Extra arguments of the storage format: one {@code --add-scram} per user and mechanism. */
    List<String> formatArguments() {
        List<String> args = new ArrayList<>();
        security.ifPresent(s -> s.users().forEach((name, password) -> {
            for (String mechanism : List.of("SCRAM-SHA-512", "SCRAM-SHA-256")) {
                args.add("--add-scram");
                args.add(mechanism + "=[name=\"" + name + "\",password=\"" + password + "\"]");
            }
        }));
        return args;
    }

    /**
     * Client properties of a super user (the brokers' own login), for readiness probes and test set-up (topics,
     * ACLs); empty for a plaintext node.
     */
    public Map<String, Object> superUserClientProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        security.ifPresent(s -> {
            p.put("security.protocol", "SASL_SSL");
            p.put("sasl.mechanism", "SCRAM-SHA-512");
            p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                    + Security.BROKER_USER + "\" password=\"" + s.users().get(Security.BROKER_USER) + "\";");
            p.put("ssl.truststore.type", "PKCS12");
            p.put("ssl.truststore.location", s.ca().truststore().toString());
            p.put("ssl.truststore.password", s.ca().password());
        });
        return p;
    }
}
