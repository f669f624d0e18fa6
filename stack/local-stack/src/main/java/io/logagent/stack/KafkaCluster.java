package io.logagent.stack;

import io.logagent.stack.tls.CertificateAuthority;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Kafka cluster of several KRaft nodes on loopback, each a {@link KafkaServer} that is broker and controller, with
 * a static quorum ({@code controller.quorum.voters}), replication factor 3, {@code min.insync.replicas=2} and no
 * unclean leader election: a committed record survives the loss of any one node. Optionally
 * {@link KafkaNode.Security secured} (SASL_SSL with SCRAM users, ACLs enforced).
 *
 * <p>Tests kill ({@link #kill(int)}, SIGKILL) and bring back ({@link #start(int)}) single nodes on their ports
 * and data. Three nodes with the default 320 MB heap each take about 1.2 GB of memory; share one per test class.
 */
public final class KafkaCluster implements AutoCloseable {
    public static final int DEFAULT_HEAP_MB = 320;
    private static final long TIMEOUT_S = 30;

    private final List<KafkaServer> nodes;
    private final Optional<KafkaNode.Security> security;

    private KafkaCluster(List<KafkaServer> nodes, Optional<KafkaNode.Security> security) {
        this.nodes = List.copyOf(nodes);
        this.security = security;
    }

    /** Three plaintext nodes under {@code dir}, started together; returns once every node is ready. */
    public static KafkaCluster start(Path dir) {
        return start(dir, 3, DEFAULT_HEAP_MB, Optional.empty());
    }

    /**
     * Three nodes whose only client listener is SASL_SSL: broker certificates issued by {@code ca} for 127.0.0.1
     * and localhost, SCRAM users {@code users} (plus the brokers' own {@link KafkaNode.Security#BROKER_USER}, with a
     * random password), ACLs enforced.
     */
    public static KafkaCluster startSecured(Path dir, CertificateAuthority ca, Map<String, String> users) {
        Map<String, String> all = new HashMap<>(users);
        all.put(KafkaNode.Security.BROKER_USER, "broker-" + Uuid.randomUuid());
        CertificateAuthority.Identity broker = ca.issue("kafka-broker", "ip:127.0.0.1", "dns:localhost");
        return start(dir, 3, DEFAULT_HEAP_MB, Optional.of(new KafkaNode.Security(ca, broker, all)));
    }

    public static KafkaCluster start(Path dir, int count, int heapMb, Optional<KafkaNode.Security> security) {
        int[] ports = FreePorts.pick(2 * count);
        String voters = java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> (i + 1) + "@127.0.0.1:" + ports[count + i]).collect(Collectors.joining(","));
        String clusterId = Uuid.randomUuid().toString();
        List<KafkaServer> servers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            servers.add(KafkaServer.create(dir.resolve("node-" + (i + 1)), new KafkaNode(i + 1, ports[i],
                    ports[count + i], voters, clusterId, heapMb, security, Map.of())));
        }
        KafkaCluster cluster = new KafkaCluster(servers, security);
        try {
            // A node is ready only once a quorum elected a controller, so they must start side by side.
            cluster.startAll(servers);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private void startAll(List<KafkaServer> servers) {
        List<CompletableFuture<Void>> started = new ArrayList<>();
        for (KafkaServer s : servers) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    s.start();
                    f.complete(null);
                } catch (Throwable e) {
                    f.completeExceptionally(e);
                }
            }, "kafka-cluster-start-" + s.nodeId());
            t.start();
            started.add(f);
        }
        for (CompletableFuture<Void> f : started) {
            try {
                f.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
    }

    /** Every node's address, comma separated, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return nodes.stream().map(KafkaServer::bootstrapServers).collect(Collectors.joining(","));
    }

    public List<KafkaServer> nodes() {
        return nodes;
    }

    /** The node with this id (1-based). */
    public KafkaServer node(int nodeId) {
        return nodes.stream().filter(n -> n.nodeId() == nodeId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + nodeId));
    }

    public Optional<KafkaNode.Security> security() {
        return security;
    }

    /** SIGKILL of one node: no controlled shutdown, no flush. */
    public void kill(int nodeId) {
        node(nodeId).kill();
    }

    /** Brings a stopped or killed node back on its ports and data; returns once it is registered again. */
    public void start(int nodeId) {
        node(nodeId).start();
    }

    /** Admin properties of a super user (plaintext: none needed) against the running nodes. */
    public Map<String, Object> superUserProperties() {
        Map<String, Object> p = new HashMap<>(nodes.get(0).config().superUserClientProperties());
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, nodes.stream().filter(KafkaServer::isRunning)
                .map(KafkaServer::bootstrapServers).collect(Collectors.joining(",")));
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return p;
    }

    /** Creates a topic with replication factor 3 (unless it exists). */
    public void createTopic(String topic, int partitions) {
        try (Admin admin = Admin.create(superUserProperties())) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) Math.min(3, nodes.size()))))
                    .all().get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic, e.getCause());
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + topic, e);
        }
    }

    /** The node id leading {@code topic}'s {@code partition}, or -1 while it has no leader. */
    public int leaderOf(String topic, int partition) {
        try (Admin admin = Admin.create(superUserProperties())) {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS)
                    .get(topic);
            TopicPartitionInfo info = d.partitions().get(partition);
            Node leader = info.leader();
            return leader == null || leader.isEmpty() ? -1 : leader.id();
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe topic " + topic, e);
        }
    }

    /**
     * Allows {@code principal} (e.g. {@code User:agent}) the operations on a resource; {@code name} ending in
     * {@code *} is a prefix ({@code logs-*}), {@code *} alone every resource of the type.
     */
    public void allow(String principal, ResourceType type, String name, AclOperation... operations) {
        ResourcePattern pattern = name.equals("*") ? new ResourcePattern(type, "*", PatternType.LITERAL)
                : name.endsWith("*") ? new ResourcePattern(type, name.substring(0, name.length() - 1), PatternType.PREFIXED)
                : new ResourcePattern(type, name, PatternType.LITERAL);
        List<AclBinding> bindings = new ArrayList<>();
        for (AclOperation op : operations) {
            bindings.add(new AclBinding(pattern, new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW)));
        }
        try (Admin admin = Admin.create(superUserProperties())) {
            admin.createAcls(bindings).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create ACLs " + bindings, e);
        }
    }

    @Override
    public void close() {
        // Stopping one by one: the last nodes lose their quorum, so their controlled shutdown cannot complete and
        // they end by the stop timeout's SIGKILL. Killing at once costs nothing for throw-away test data.
        nodes.forEach(KafkaServer::kill);
    }

    @Override
    public String toString() {
        return "KafkaCluster[" + bootstrapServers() + (security.isPresent() ? ", SASL_SSL" : "") + "]";
    }
}
