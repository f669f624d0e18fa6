package io.logagent.agent;

import io.etcd.jetcd.Client;
import io.logagent.agent.config.AgentConfig;
import io.logagent.core.collect.PathAllowlist;
import io.logagent.agent.registry.Registry;
import io.logagent.agent.reload.Reconciler;
import io.logagent.agent.ship.KafkaShipper;
import io.logagent.agent.ship.KafkaTopicCatalog;
import io.logagent.agent.ship.TopicCatalog;
import io.logagent.agent.ship.ProducerSettings;
import io.logagent.agent.source.DesiredConfig;
import io.logagent.agent.source.EtcdConfigSource;
import io.logagent.agent.source.LastConfigStore;
import io.logagent.agent.status.StatusBoard;
import io.logagent.agent.status.StatusHttpServer;
import io.logagent.core.status.StatusJson;
import io.logagent.agent.status.StatusPublisher;
import io.logagent.core.status.StatusReport;
import io.logagent.agent.tail.CollectorFactory;
import io.logagent.agent.tail.FileCollectorFactory;
import io.logagent.core.BuildVersion;
import io.logagent.core.collect.CollectConfigCodec;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The agent: follows its collect config in etcd, runs one collector per entry, ships lines to Kafka and reports
 * its status. Built from an {@link AgentConfig}; {@link #create} makes the real parts.
 *
 * <p>Lifecycle: {@link #start()} returns once everything runs (collectors start as soon as the config is read,
 * or after {@code [etcd] timeout} from the local copy); {@link #stop()} only signals; {@link #awaitStop} waits for the
 * ordered shutdown on thread {@code logagent-stop}: config source → collectors (their acknowledged offsets land in
 * the registry) → shipper flush → registry's last write → status lease revoked → HTTP → etcd client.
 */
public final class Agent {
    private static final Logger log = LoggerFactory.getLogger(Agent.class);
    private static final Duration STATUS_TICK = Duration.ofSeconds(1);
    /** How long Kafka may take to say whether a topic exists before it counts as unreachable (then retried). */
    private static final Duration TOPIC_LOOKUP_TIMEOUT = Duration.ofSeconds(10);

    private final AgentConfig config;
    private final Client etcd;
    private final Registry registry;
    private final KafkaShipper shipper;
    private final PrometheusMeterRegistry meters;
    private final Reconciler reconciler;
    private final EtcdConfigSource source;
    private final StatusBoard board;
    private final StatusPublisher publisher;
    private final StatusHttpServer http;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread stopper;
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    /**
     * @param collectors makes a collector per entry from the shared sink (the shipper); tests may pass a fake
     */
    public Agent(AgentConfig config, Clock clock, Client etcd, Registry registry, KafkaShipper shipper,
                 CollectorFactory collectors, PrometheusMeterRegistry meters) {
        this.config = config;
        this.etcd = etcd;
        this.registry = registry;
        this.shipper = shipper;
        this.meters = meters;
        this.reconciler = new Reconciler(collectors, config.agent().stopTimeout());
        this.source = new EtcdConfigSource(etcd, config.etcd(), new PathAllowlist(config.agent().allowPaths()),
                config.agent().onKeyDelete(),
                new LastConfigStore(config.agent().dataDir().resolve("last-config.json"), new CollectConfigCodec()),
                new CollectConfigCodec(), this::apply, config.hostIp());
        this.board = new StatusBoard(config.hostIp(), version(), clock, reconciler::statuses, source::connectionError,
                config.agent().allowPaths());
        StatusJson json = new StatusJson();
        this.publisher = new StatusPublisher(etcd.getKVClient(), etcd.getLeaseClient(), config.etcd().statusKey(),
                board::report, json, clock, config.etcd().statusTtl(),
                config.etcd().statusTtl().multipliedBy(2).dividedBy(3), STATUS_TICK, config.etcd().timeout());
        this.http = config.agent().httpPort() < 0 ? null : new StatusHttpServer(
                new InetSocketAddress(config.agent().httpHost(), config.agent().httpPort()), board::report, json, meters);
        this.stopper = new Thread(this::shutDown, "logagent-stop");
    }

    /** Builds the real agent: etcd client, Kafka producer, registry in {@code data_dir}, file collectors. */
    public static Agent create(AgentConfig config, Clock clock) throws IOException {
        return create(config, clock, deps -> new FileCollectorFactory(deps.registry(), deps.shipper(),
                config.tail(), clock, deps.meters(), deps.allowlist()));
    }

    /** The shared parts a collector factory is made from. */
    public record Parts(Registry registry, KafkaShipper shipper, PrometheusMeterRegistry meters,
                        PathAllowlist allowlist) { }

    /** Like {@link #create(AgentConfig, Clock)} with another collector factory (tests, or another kind of input). */
    public static Agent create(AgentConfig config, Clock clock, Function<Parts, CollectorFactory> collectors)
            throws IOException {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Registry registry = Registry.open(config.agent().dataDir(), clock, config.tail().registryFlushInterval(),
                config.tail().registryCleanAfter());
        String clientId = "logagent-" + config.hostIp();
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                ProducerSettings.from(config.kafka(), config.tail().maxLineBytes(), clientId));
        TopicCatalog topics = new KafkaTopicCatalog(Admin.create(ProducerSettings.admin(config.kafka(),
                clientId + "-admin", (int) TOPIC_LOOKUP_TIMEOUT.toMillis())), producer, TOPIC_LOOKUP_TIMEOUT);
        KafkaShipper shipper = new KafkaShipper(producer, topics, config.hostIp(), config.kafka().maxInFlightRecords(),
                config.kafka().maxInFlightBytes(), meters, Duration.ofSeconds(1));
        Client etcd = config.etcd().connection().connect();
        return new Agent(config, clock, etcd, registry, shipper, collectors.apply(new Parts(registry, shipper, meters,
                new PathAllowlist(config.agent().allowPaths()))), meters);
    }

    public void start() {
        log.info("logagent {} starting as {}: config {} (groups {}), Kafka {}", version(), config.hostIp(),
                config.etcd().collectKey(), config.agent().groups(), config.kafka().bootstrapServers());
        registry.start();
        shipper.start();
        if (http != null) {
            http.start();
        }
        source.start();
        publisher.start();
    }

    /** Signals the shutdown; {@link #awaitStop} waits for it. */
    public void stop() {
        if (stopRequested.compareAndSet(false, true)) {
            stopper.start();
        }
    }

    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public StatusReport status() {
        return board.report();
    }

    /** Where {@code /status} listens, when {@code http_port} is not -1. */
    public Optional<InetSocketAddress> httpAddress() {
        return Optional.ofNullable(http).map(StatusHttpServer::address);
    }

    public PrometheusMeterRegistry meters() {
        return meters;
    }

    /** Runs on the config thread, for start-up and every change alike. */
    private void apply(DesiredConfig desired) {
        try {
            reconciler.apply(desired.entries());
            board.configApplied(desired);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the config thread is being shut down
        }
    }

    private void shutDown() {
        Duration step = config.agent().stopTimeout();
        try {
            source.stop();
            source.awaitStop(step);
            reconciler.apply(List.of());
            shipper.stop();
            shipper.awaitStop(step);
            registry.stop();
            registry.awaitStop(step);
            publisher.stop();
            publisher.awaitStop(step);
            if (http != null) {
                http.stop();
                http.awaitStop(step);
            }
        } catch (InterruptedException e) {
            log.warn("shutdown interrupted; some parts may not have stopped cleanly");
        } catch (RuntimeException e) {
            log.error("error during shutdown", e);
        } finally {
            etcd.close();
            meters.close();
            stopped.countDown();
            log.info("logagent stopped");
        }
    }

    private static String version() {
        return BuildVersion.current();
    }
}
