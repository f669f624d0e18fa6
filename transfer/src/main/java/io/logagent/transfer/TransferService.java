package io.logagent.transfer;

import io.etcd.jetcd.Client;
import io.logagent.core.collect.CollectConfigCodec;
import io.logagent.core.ini.ConfigException;
import io.logagent.core.kafka.KafkaAccessCheck;
import io.logagent.core.kafka.KafkaProblemLog;
import io.logagent.core.kafka.KafkaProblems;
import io.logagent.core.time.Deadline;
import io.logagent.core.time.OwnedResources;
import io.logagent.transfer.config.TransferConfig;
import io.logagent.transfer.consume.BulkDispatcher;
import io.logagent.transfer.consume.ConsumeLoop;
import io.logagent.transfer.consume.DeadLetterPublisher;
import io.logagent.transfer.consume.Subscription;
import io.logagent.transfer.document.DocumentBuilder;
import io.logagent.transfer.document.LevelExtractor;
import io.logagent.transfer.document.TimestampExtractor;
import io.logagent.transfer.etcd.CollectTopicFollower;
import io.logagent.transfer.health.HealthServer;
import io.logagent.transfer.health.Liveness;
import io.logagent.transfer.health.TransferMetrics;
import io.logagent.transfer.patterns.PatternMining;
import io.logagent.transfer.index.BulkIndexer;
import io.logagent.transfer.index.IndexMappings;
import io.logagent.transfer.index.IndexNaming;
import io.logagent.transfer.index.IndexSetup;
import io.logagent.transfer.index.RetentionTask;
import io.logagent.transfer.index.RetriableIndexException;
import io.logagent.transfer.index.SearchHttp;
import io.micrometer.core.instrument.Gauge;
import io.logagent.transfer.index.SearchProblemException;
import io.logagent.core.problem.ConnectionProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The transfer: Kafka consumer group → daily OpenSearch/Elasticsearch indices, at-least-once, idempotent.
 * Build it with {@link #create(TransferConfig, Clock)}, which makes the first request to the cluster and throws
 * {@link ConnectionProblemException} when the cluster refuses the credentials or the certificate; {@link #start()} starts the consumer thread
 * ({@code transfer-consume}), bulk workers ({@code transfer-bulk-N}), the retention thread and the
 * {@code /health} + {@code /metrics} server; {@link #stop()} only signals; {@link #awaitStop(Duration)} waits until
 * in-flight batches are stored (or abandoned after {@code [transfer] shutdown_grace_ms}), offsets committed and
 * every thread and client closed. A fatal error ends the service by itself; {@link #failure()} says why.
 */
public final class TransferService {

    private static final Logger log = LoggerFactory.getLogger(TransferService.class);
    private static final Duration RETENTION_PERIOD = Duration.ofHours(1);
    /** What the closes get after a fatal error or a failed start, when no caller's deadline applies. */
    private static final Duration CLOSE_BUDGET = Duration.ofSeconds(10);
    /** The stop budget of {@link #stop()}, for a caller without one of its own. */
    public static final Duration STOP_BUDGET = Duration.ofSeconds(30);
    /** metadata.max.age.ms when following etcd; [kafka.consumer] metadata.max.age.ms overrides it. */
    static final int TOPIC_DISCOVERY_MS = 3000;
    private static final Duration START_CHECK_TIMEOUT = Duration.ofSeconds(5);
    /** What the transfer's Kafka user must be allowed, for the hint of a missing ACL. */
    public static final String NEEDS = "the transfer needs Read on its topics and its group, Write on the dead-letter topic";

    /** Run by {@link #start()} before anything else; throws for a configuration that cannot work. */
    @FunctionalInterface
    public interface StartCheck {
        void run() throws InterruptedException;
    }

    private final ConsumeLoop loop;
    private final Optional<HealthServer> health;
    private final Optional<RetentionTask> retention;
    private final Optional<CollectTopicFollower> follower;
    private final OwnedResources owned;
    private final Liveness liveness;
    private final MeterRegistry registry;
    private final Clock clock;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread consumerThread;
    private final ScheduledExecutorService retentionThread;
    private volatile Throwable failure;
    private volatile Deadline stopBy;
    private final StartCheck startCheck;
    private final Optional<KafkaProblemLog> kafkaProblems;

    /**
     * @param loop          drives the consumer and the bulk dispatcher, and closes both (see {@link ConsumeLoop})
     * @param owned         everything else {@link #create} made, in order of creation (HTTP client, producer, etcd
     *                      client and follower, health server…); closed last-made-first once the loop ended
     * @param follower      follows the topics named in etcd and hands them to the loop's subscription, when configured
     * @param startCheck    the first connection to Kafka, run by {@link #start()}
     * @param kafkaProblems the Kafka configuration problems the clients meet later, for {@link #kafkaProblem()}
     */
    public TransferService(ConsumeLoop loop, OwnedResources owned, Optional<HealthServer> health,
                           Optional<RetentionTask> retention, Optional<CollectTopicFollower> follower,
                           Liveness liveness, MeterRegistry registry, Clock clock,
                           StartCheck startCheck, Optional<KafkaProblemLog> kafkaProblems) {
        this.startCheck = startCheck;
        this.kafkaProblems = kafkaProblems;
        this.loop = loop;
        this.owned = owned;
        this.health = health;
        this.retention = retention;
        this.follower = follower;
        this.liveness = liveness;
        this.registry = registry;
        this.clock = clock;
        this.consumerThread = new Thread(this::runLoop, "transfer-consume");
        this.retentionThread = owned.add("retention thread",
                Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "transfer-retention")),
                (t, deadline) -> t.shutdownNow()); // a deletion cut short is retried at the next round
    }

    public static TransferService create(TransferConfig config, Clock clock) {
        TransferConfig.Kafka kafka = config.kafka();
        TransferConfig.Index index = config.index();
        TransferConfig.Service service = config.service();
        ObjectMapper mapper = new ObjectMapper();
        OwnedResources owned = new OwnedResources();
        PrometheusMeterRegistry registry = owned.add("meter registry",
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), (r, deadline) -> r.close());
        TransferMetrics metrics = new TransferMetrics(registry);
        IndexNaming naming = new IndexNaming(index.allAlias());
        Duration initialBackoff = Duration.ofMillis(100);

        // Shared by the index setup, the bulk workers and the retention task; closed after all of them ended.
        SearchHttp http = owned.add("search client", SearchHttp.connect(index, Duration.ofSeconds(60), clock));
        IndexSetup setup = new IndexSetup(http, mapper,
                new IndexMappings(mapper, index.shards(), index.replicas(), service.jsonField()), naming, kafka.topics());
        firstContact(setup, owned, clock);
        Optional<PatternMining> patterns = config.patterns()
                .map(p -> PatternMining.load(p, http, mapper, index.allAlias(), clock, registry));
        BulkIndexer indexer = new BulkIndexer(http, setup, mapper, metrics, initialBackoff, index.retryBackoffMax());
        KafkaProblems problems = new KafkaProblems(kafka.bootstrapServers(), kafka.security(), NEEDS);
        KafkaProblemLog problemLog = KafkaProblemLog.perMinute(problems, log, clock);
        KafkaProducer<byte[], byte[]> producer = owned.add("dead-letter producer",
                new KafkaProducer<>(producerProperties(kafka), new ByteArraySerializer(), new ByteArraySerializer()),
                (p, deadline) -> p.close(deadline.remaining()));
        DeadLetterPublisher deadLetters = new DeadLetterPublisher(producer, kafka.deadLetterTopic(), initialBackoff,
                index.retryBackoffMax(), problemLog);
        BulkDispatcher dispatcher = new BulkDispatcher(indexer, deadLetters, metrics, index.maxInFlightBulks(),
                http::abortInFlight);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(kafka, index.bufferedDocs(),
                config.etcd().isPresent()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        DocumentBuilder builder = new DocumentBuilder(mapper, clock, new TimestampExtractor(clock, service.timeZone()),
                new LevelExtractor(), naming, service.jsonField(), patterns.map(PatternMining::miner).orElse(null));
        Subscription subscription = config.etcd().isPresent()
                ? Subscription.following(kafka.topics(), kafka.topicPattern(), kafka.deadLetterTopic())
                : new Subscription(kafka.topics(), kafka.topicPattern(), kafka.deadLetterTopic());
        ConsumeLoop loop = new ConsumeLoop(consumer, subscription, builder, dispatcher, metrics, clock,
                index.bufferedDocs(), index.bulkMaxDocs(), index.bulkMaxBytes(), index.flushInterval(),
                service.shutdownGrace(), problemLog);
        patterns.ifPresent(p -> {
            owned.add("pattern store", p.store()); // made after the search client: closed before it, writing what is pending
            p.store().start();
        });
        Optional<CollectTopicFollower> follower = config.etcd().map(etcd -> {
            Client client = owned.add("etcd client", etcd.connection().connect());
            CollectTopicFollower f = owned.add("etcd follower", new CollectTopicFollower(client, etcd.layout(),
                    etcd.connection().timeout(), new CollectConfigCodec(mapper), subscription::follow),
                    TransferService::stopFollower);
            Gauge.builder("logagent.transfer.etcd.topics", f, x -> x.topics().size())
                    .description("topics the collect configs in etcd name").register(registry);
            Gauge.builder("logagent.transfer.etcd.problems", f, x -> x.problems().size())
                    .description("refused collect configs, plus 1 while etcd is unreachable").register(registry);
            return f;
        });
        Liveness liveness = new Liveness();
        Optional<HealthServer> health = Optional.empty();
        if (service.httpPort() >= 0) {
            try {
                health = Optional.of(owned.add("health server", new HealthServer(service.httpPort(), registry,
                        liveness::isUp, mapper, () -> healthDetails(subscription, follower, http, problemLog)),
                        (h, deadline) -> h.close()));
            } catch (IOException e) {
                Deadline deadline = Deadline.after(CLOSE_BUDGET, clock);
                loop.discard(deadline);
                owned.closeAll(deadline);
                throw new UncheckedIOException("cannot listen on [transfer] http_port " + service.httpPort(), e);
            }
        }
        Optional<RetentionTask> retention = index.retentionDays() > 0
                ? Optional.of(new RetentionTask(http, mapper, naming, setup, clock, index.retentionDays()))
                : Optional.empty();
        return new TransferService(loop, owned, health, retention, follower, liveness, registry, clock,
                () -> checkKafka(kafka, problems), Optional.of(problemLog));
    }

    /**
     * The first request to the cluster, before any Kafka client exists: a 401, 403 or TLS failure means the
     * configuration cannot work, so the transfer does not start ({@link ConnectionProblemException}: exit code 2,
     * the one line naming server and setting). A cluster that is merely unreachable is waited for later, as always.
     */
    private static void firstContact(IndexSetup setup, OwnedResources owned, Clock clock) {
        try {
            setup.firstContact();
        } catch (RetriableIndexException e) {
            if (e.getCause() instanceof SearchProblemException problem) {
                owned.closeAll(Deadline.after(CLOSE_BUDGET, clock));
                throw new ConnectionProblemException(problem.problem(), problem);
            }
            log.warn("index template not installed yet, will retry before the first write: {}", e.getMessage());
        } catch (RuntimeException e) {
            owned.closeAll(Deadline.after(CLOSE_BUDGET, clock));
            throw e;
        }
    }

    /**
     * Credentials, certificates and ACLs at start (nothing consumed or written to find out): Read on the listed
     * topics and the group, Write on the dead-letter topic. Topics that do not exist yet are skipped.
     */
    static void checkKafka(TransferConfig.Kafka kafka, KafkaProblems problems) throws InterruptedException {
        try (Admin admin = Admin.create(adminProperties(kafka))) {
            KafkaAccessCheck check = new KafkaAccessCheck(admin, problems, START_CHECK_TIMEOUT);
            if (check.connect() && check.topics(kafka.topics(), Set.of(AclOperation.READ))
                    && check.group(kafka.groupId(), Set.of(AclOperation.READ))) {
                check.topics(List.of(kafka.deadLetterTopic()), Set.of(AclOperation.WRITE));
            }
        }
    }

    /** The consumer's connection (security settings and those [kafka.consumer] entries an admin client knows). */
    public static Map<String, Object> adminProperties(TransferConfig.Kafka kafka) {
        Map<String, Object> p = new HashMap<>();
        consumerProperties(kafka, 1, false).forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k) && !k.equals(AdminClientConfig.CLIENT_ID_CONFIG)) {
                p.put(k, v);
            }
        });
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "logagent-transfer-check");
        return p;
    }

    /** The current Kafka configuration problem (a refused login, certificate or ACL), if any. */
    public Optional<String> kafkaProblem() {
        return kafkaProblems.flatMap(KafkaProblemLog::current).map(p -> p.line());
    }

    /**
     * What /health tells besides UP/DOWN: the topics subscribed by name, the current problem with the search engine
     * and with Kafka (a refused password, certificate or permission, in the one line that names the setting; an
     * empty list once requests succeed again) and, when following etcd, its problems. Such a problem does not make
     * the transfer DOWN: it keeps retrying, and /health says what to fix.
     */
    private static Map<String, Object> healthDetails(Subscription subscription,
                                                     Optional<CollectTopicFollower> follower, SearchHttp search,
                                                     KafkaProblemLog kafka) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("topics", subscription.namedTopics());
        details.put("es", Map.of("problems", search.currentProblem().map(p -> List.of(p.line())).orElse(List.of())));
        details.put("kafka", Map.of("problems", kafka.current().map(p -> List.of(p.line())).orElse(List.of())));
        follower.ifPresent(f -> details.put("etcd", Map.of("topics", f.topics(), "problems", f.problems())));
        return details;
    }

    static Map<String, Object> consumerProperties(TransferConfig.Kafka kafka, int bufferedDocs, boolean followsEtcd) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.groupId());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // One poll may overshoot the document buffer by this much; keep it small against chan_size.
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.min(500, bufferedDocs));
        if (followsEtcd) {
            // A topic named in etcd is matched by the pattern once the consumer's metadata shows it: refresh often
            // enough that a new topic is consumed within seconds (the default is 5 minutes).
            p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, TOPIC_DISCOVERY_MS);
        }
        // Cooperative rebalancing: when a worker joins or leaves, the others keep consuming the partitions they
        // keep; only moved partitions are revoked (after their batches are stored and committed).
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        p.putAll(kafka.security().clientProperties());
        p.putAll(kafka.consumerOverrides());
        if (Boolean.parseBoolean(String.valueOf(p.getOrDefault(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false")))) {
            throw new ConfigException("[kafka.consumer] enable.auto.commit must stay false: offsets are committed "
                    + "only after documents are stored");
        }
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return p;
    }

    static Map<String, Object> producerProperties(TransferConfig.Kafka kafka) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.putAll(kafka.security().clientProperties());
        p.putAll(kafka.producerOverrides());
        return p;
    }

    /**
     * Checks Kafka (a refused login, certificate or ACL throws {@link io.logagent.core.problem.ConnectionProblemException},
     * and nothing is started), then starts the threads. Kafka not answering is no such failure.
     */
    public void start() {
        try {
            startCheck.run();
        } catch (RuntimeException e) {
            closeUnstarted();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeUnstarted();
            throw new IllegalStateException("interrupted while checking Kafka at start", e);
        }
        health.ifPresent(h -> {
            h.start();
            log.info("/health and /metrics on port {}", h.port()); // the port bound, when http_port=0
        });
        retention.ifPresent(task -> retentionThread.scheduleWithFixedDelay(task, 0,
                RETENTION_PERIOD.toMillis(), TimeUnit.MILLISECONDS));
        follower.ifPresent(CollectTopicFollower::start);
        consumerThread.start();
    }

    private void closeUnstarted() {
        Deadline deadline = Deadline.after(CLOSE_BUDGET, clock);
        loop.discard(deadline);
        owned.closeAll(deadline);
        stopped.countDown();
    }

    /** {@link #stop(Deadline)} within {@link #STOP_BUDGET}, for a caller without a budget of its own. */
    public void stop() {
        stop(Deadline.after(STOP_BUDGET, clock));
    }

    /**
     * Signals the service to stop; returns at once. Batches in flight, the last commit and every close share
     * {@code deadline}: each waits only for what is left of it.
     */
    public void stop(Deadline deadline) {
        stopBy = deadline;
        loop.stop(deadline);
    }

    /** Waits until the service has stopped (by {@link #stop()} or a fatal error); true if it has. */
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Why the service ended by itself, if it did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    public boolean isRunning() {
        return liveness.isUp();
    }

    public OptionalInt healthPort() {
        return health.map(h -> OptionalInt.of(h.port())).orElse(OptionalInt.empty());
    }

    public MeterRegistry meterRegistry() {
        return registry;
    }

    private void runLoop() {
        liveness.up();
        try {
            loop.run(); // the template was installed by create(), or is installed before the first write
        } catch (Exception | Error e) {
            failure = e;
            log.error("transfer stopped by a fatal error", e);
        } finally {
            liveness.down();
            // The loop closed what it drives (consumer, bulk workers); the rest goes last-made-first, within what
            // the caller's deadline left, or CLOSE_BUDGET after a fatal error.
            Deadline deadline = stopBy != null ? stopBy : Deadline.after(CLOSE_BUDGET, clock);
            owned.closeAll(deadline);
            stopped.countDown();
        }
    }

    private static void stopFollower(CollectTopicFollower f, Deadline deadline) throws InterruptedException {
        f.stop();
        if (!f.awaitStop(deadline.remaining())) {
            log.warn("the etcd follower did not stop in time");
        }
    }
}
