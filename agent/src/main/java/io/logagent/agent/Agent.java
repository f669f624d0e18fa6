package io.logagent.agent;

import io.etcd.jetcd.Client;
import io.logagent.agent.config.AgentConfig;
import io.logagent.core.collect.PathAllowlist;
import io.logagent.agent.registry.Registry;
import io.logagent.agent.reload.Reconciler;
import io.logagent.agent.ship.KafkaShipper;
import io.logagent.agent.ship.KafkaTopicCatalog;
import io.logagent.agent.ship.TopicCatalog;
import io.logagent.agent.config.ProducerSettings;
import io.logagent.agent.source.DesiredConfig;
import io.logagent.agent.source.EtcdConfigSource;
import io.logagent.agent.source.EtcdTrouble;
import io.logagent.agent.source.LastConfigStore;
import io.logagent.agent.status.StatusBoard;
import io.logagent.agent.status.StatusHttpServer;
import io.logagent.core.time.BoundedClose;
import io.logagent.core.time.Deadline;
import io.logagent.core.status.StatusJson;
import io.logagent.agent.status.StatusPublisher;
import io.logagent.core.status.StatusReport;
import io.logagent.agent.tail.CollectorFactory;
import io.logagent.agent.tail.FileCollectorFactory;
import io.logagent.core.BuildVersion;
import io.logagent.core.collect.CollectConfigCodec;
import io.logagent.core.collect.CollectEntry;
import io.logagent.core.kafka.KafkaAccessCheck;
import io.logagent.core.kafka.KafkaProblemLog;
import io.logagent.core.kafka.KafkaProblems;
import io.logagent.core.etcd.EtcdAccessCheck;
import io.logagent.core.etcd.EtcdProblems;
import io.logagent.core.problem.ConnectionProblemException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.acl.AclOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
 * the registry) → shipper flush → registry's last write → status lease revoked → HTTP → etcd client. Every step
 * waits only for what is left of the one deadline {@link #stop(Deadline)} was given.
 */
public final class Agent {
    private static final Logger log = LoggerFactory.getLogger(Agent.class);
    private static final Duration STATUS_TICK = Duration.ofSeconds(1);
    /** How long Kafka may take to say whether a topic exists before it counts as unreachable (then retried). */
    private static final Duration TOPIC_LOOKUP_TIMEOUT = Duration.ofSeconds(10);
    /** How long start() waits for Kafka to answer its check; an agent whose Kafka is down starts this much later. */
    private static final Duration START_CHECK_TIMEOUT = Duration.ofSeconds(5);

    private final AgentConfig config;
    private final Clock clock;
    private final Client etcd;
    private final Registry registry;
    private final KafkaShipper shipper;
    private final PrometheusMeterRegistry meters;
    private final Reconciler reconciler;
    private final EtcdConfigSource source;
    private final StatusBoard board;
    private final StatusPublisher publisher;
    private final StatusHttpServer http;
    private final KafkaProblemLog kafkaProblems;
    private final Optional<KafkaAccessCheck> kafkaCheck;
    /** Counted down when the first config (from etcd or the local copy) is applied. */
    private final CountDownLatch firstConfig = new CountDownLatch(1);
    private volatile DesiredConfig applied;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread stopper;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    /** Set by the first {@link #stop(Deadline)}, before the stop thread starts. */
    private volatile Deadline stopBy;

    /**
     * @param collectors makes a collector per entry from the shared sink (the shipper); tests may pass a fake
     */
    public Agent(AgentConfig config, Clock clock, Client etcd, Registry registry, KafkaShipper shipper,
                 CollectorFactory collectors, PrometheusMeterRegistry meters) {
        this(config, clock, etcd, registry, shipper, collectors, meters,
                KafkaProblemLog.perMinute(problemsOf(config), log, clock), Optional.empty());
    }

    /**
     * @param kafkaProblems the Kafka configuration problems the shipper meets, shown in the status
     * @param kafkaCheck    run by {@link #start()}: credentials and certificates, then the topics of the first config
     */
    public Agent(AgentConfig config, Clock clock, Client etcd, Registry registry, KafkaShipper shipper,
                 CollectorFactory collectors, PrometheusMeterRegistry meters, KafkaProblemLog kafkaProblems,
                 Optional<KafkaAccessCheck> kafkaCheck) {
        this.config = config;
        this.clock = clock;
        this.kafkaProblems = kafkaProblems;
        this.kafkaCheck = kafkaCheck;
        this.etcd = etcd;
        this.registry = registry;
        this.shipper = shipper;
        this.meters = meters;
        EtcdTrouble trouble = EtcdTrouble.perMinute(config.etcd().connection(), clock);
        this.reconciler = new Reconciler(collectors, config.agent().stopTimeout(), clock);
        this.source = new EtcdConfigSource(etcd, config.etcd(), new PathAllowlist(config.agent().allowPaths()),
                config.agent().onKeyDelete(),
                new LastConfigStore(config.agent().dataDir().resolve("last-config.json"), new CollectConfigCodec()),
                new CollectConfigCodec(), this::apply, trouble, config.hostIp());
        this.board = new StatusBoard(config.hostIp(), version(), clock, reconciler::statuses, this::connectionErrors,
                config.agent().allowPaths());
        StatusJson json = new StatusJson();
        this.publisher = new StatusPublisher(etcd.getKVClient(), etcd.getLeaseClient(), config.etcd().statusKey(),
                board::report, json, clock, config.etcd().statusTtl(),
                config.etcd().statusTtl().multipliedBy(2).dividedBy(3), STATUS_TICK, config.etcd().timeout(), trouble);
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
        Client etcd = connectEtcd(config, clock);
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Registry registry = Registry.open(config.agent().dataDir(), clock, config.tail().registryFlushInterval(),
                config.tail().registryCleanAfter());
        String clientId = "logagent-" + config.hostIp();
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                ProducerSettings.from(config.kafka(), config.tail().maxLineBytes(), clientId));
        Admin admin = Admin.create(ProducerSettings.admin(config.kafka(), clientId + "-admin",
                (int) TOPIC_LOOKUP_TIMEOUT.toMillis()));
        TopicCatalog topics = new KafkaTopicCatalog(admin, producer, TOPIC_LOOKUP_TIMEOUT);
        KafkaProblems problems = problemsOf(config);
        KafkaProblemLog problemLog = KafkaProblemLog.perMinute(problems, LoggerFactory.getLogger(KafkaShipper.class),
                clock);
        KafkaShipper shipper = new KafkaShipper(producer, topics, config.hostIp(), config.kafka().maxInFlightRecords(),
                config.kafka().maxInFlightBytes(), meters, Duration.ofSeconds(1), problemLog);
        // The check borrows the catalog's admin client only during start(); the catalog closes it.
        return new Agent(config, clock, etcd, registry, shipper, collectors.apply(new Parts(registry, shipper, meters,
                new PathAllowlist(config.agent().allowPaths()))), meters, problemLog,
                Optional.of(new KafkaAccessCheck(admin, problems, START_CHECK_TIMEOUT)));
    }

    private static KafkaProblems problemsOf(AgentConfig config) {
        return new KafkaProblems(config.kafka().bootstrapServers(), config.kafka().security(), KafkaShipper.NEEDS);
    }

    /**
     * Starts everything. With Kafka answering, a configuration that cannot work fails here instead of entry by
     * entry later: wrong credentials or certificates before anything starts, a topic of the first config the agent
     * may not write once that config is applied (a {@link io.logagent.core.problem.ConnectionProblemException}:
     * exit code 2). Kafka not answering is no such failure: collectors wait for it as for any outage.
     */

    public void start() {
        log.info("logagent {} starting as {}: config {} (groups {}), Kafka {}", version(), config.hostIp(),
                config.etcd().collectKey(), config.agent().groups(), config.kafka().bootstrapServers());
        registry.start(); // first, so that a stop after a failed check finds it running and ends at once
        shipper.start();
        if (kafkaCheck.isPresent()) {
            checkKafka(kafkaCheck.get());
        }
        if (http != null) {
            http.start();
        }
        source.start();
        publisher.start();
        if (kafkaCheck.isPresent()) {
            checkTopicsOfFirstConfig(kafkaCheck.get());
        }
    }

    private static void checkKafka(KafkaAccessCheck check) {
        try {
            check.connect();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkTopicsOfFirstConfig(KafkaAccessCheck check) {
        try {
            // The first config comes from etcd within [etcd] timeout, or from the local copy right after it.
            if (!firstConfig.await(config.etcd().timeout().plusSeconds(2).toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            Set<String> topics = new TreeSet<>();
            applied.entries().stream().map(CollectEntry::topic).forEach(topics::add);
            check.topics(topics, Set.of(AclOperation.WRITE));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** etcd's problem (the config source's) and Kafka's, for the status. */
    private String connectionErrors() {
        String etcdProblem = source.connectionError();
        String kafkaProblem = kafkaProblems.current().map(p -> p.line()).orElse(null);
        return etcdProblem == null ? kafkaProblem : kafkaProblem == null ? etcdProblem : etcdProblem + "; " + kafkaProblem;
    }

    /** {@link #stop(Deadline)} within twice {@code stop_timeout_ms}: once for the collectors, once for the rest. */
    public void stop() {
        stop(Deadline.after(config.agent().stopTimeout().multipliedBy(2), clock));
    }

    /**
     * Signals the shutdown; {@link #awaitStop} waits for it. Its steps share {@code deadline}; the collectors get
     * at most {@code stop_timeout_ms} of it, so that the shipper's flush keeps what they leave.
     */
    public void stop(Deadline deadline) {
        if (stopRequested.compareAndSet(false, true)) {
            stopBy = deadline;
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
            applied = desired;
            firstConfig.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the config thread is being shut down
        }
    }

    /** The ordered shutdown: every step is handed what is left of {@link #stopBy}, none a timeout of its own. */
    private void shutDown() {
        Deadline deadline = stopBy;
        try {
            source.stop();
            source.awaitStop(deadline.remaining());
            reconciler.stopAll(deadline);
            shipper.stop();
            shipper.awaitStop(deadline.remaining());
            registry.stop();
            registry.awaitStop(deadline.remaining());
            publisher.stop();
            publisher.awaitStop(deadline.remaining());
            if (http != null) {
                http.stop();
                http.awaitStop(deadline.remaining());
            }
        } catch (InterruptedException e) {
            log.warn("shutdown interrupted; some parts may not have stopped cleanly");
        } catch (RuntimeException e) {
            log.error("error during shutdown", e);
        } finally {
            // Within the same deadline: a client stuck in close (etcd unreachable) is abandoned, not waited for.
            BoundedClose.close("etcd client", etcd, deadline);
            BoundedClose.close("meters", meters::close, deadline);
            stopped.countDown();
            log.info("logagent stopped");
        }
    }

    /**
     * The etcd client, after a first read of the agent's keys: wrong credentials or certificates, or a role that
     * lacks a key, end the start here ({@link ConnectionProblemException}, exit code 2); an unreachable etcd does
     * not, the agent then starts from its last known config and keeps retrying.
     */
    private static Client connectEtcd(AgentConfig config, Clock clock) {
        Client etcd = config.etcd().connection().connect();
        List<String> keys = new ArrayList<>(config.etcd().groupKeys());
        keys.add(config.etcd().collectKey());
        try {
            EtcdAccessCheck.readAll(etcd, config.etcd().connection(), new EtcdProblems(config.etcd().connection(), clock), keys)
                    .ifPresent(cause -> log.warn("etcd {} not readable at start ({}); going on, retrying in the background",
                            config.etcd().connection().endpointsText(), cause.toString()));
            return etcd;
        } catch (RuntimeException e) {
            etcd.close();
            throw e;
        }
    }

    private static String version() {
        return BuildVersion.current();
    }
}
