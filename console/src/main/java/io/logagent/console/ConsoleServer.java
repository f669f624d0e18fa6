package io.logagent.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logagent.core.time.Deadline;
import io.logagent.core.time.OwnedResources;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.etcd.jetcd.Client;
import io.javalin.Javalin;
import io.logagent.console.alerts.AlertEvaluator;
import io.logagent.console.alerts.Alerts;
import io.logagent.console.alerts.Measurements;
import io.logagent.console.auth.AuthGuard;
import io.logagent.console.auth.AuthRoutes;
import io.logagent.console.auth.LoginRateLimiter;
import io.logagent.console.auth.PasswordHasher;
import io.logagent.console.auth.SessionStore;
import io.logagent.console.auth.UserStore;
import io.logagent.console.config.ConsoleConfig;
import io.logagent.console.etcd.EtcdKv;
import io.logagent.core.etcd.EtcdAccessCheck;
import io.logagent.core.etcd.EtcdProblems;
import io.logagent.console.hosts.AuditLog;
import io.logagent.console.hosts.CanaryRollout;
import io.logagent.console.hosts.CollectConfigService;
import io.logagent.console.hosts.HostsRoutes;
import io.logagent.console.monitor.AgentStatuses;
import io.logagent.console.monitor.DeadLetters;
import io.logagent.console.monitor.GroupRollout;
import io.logagent.console.monitor.HostOverview;
import io.logagent.console.monitor.MonitorRoutes;
import io.logagent.console.monitor.NamedTopics;
import io.logagent.console.monitor.PipelineService;
import io.logagent.console.monitor.StatusCache;
import io.logagent.console.monitor.WarmUp;
import io.logagent.console.monitor.series.PipelineSampler;
import io.logagent.console.monitor.series.PipelineSeries;
import io.logagent.console.monitor.series.SeriesRoutes;
import io.logagent.console.search.FieldFacetRoutes;
import io.logagent.console.search.FieldFacets;
import io.logagent.console.patterns.PatternRoutes;
import io.logagent.console.patterns.PatternService;
import io.logagent.console.search.SavedSearchRoutes;
import io.logagent.console.search.SavedSearches;
import io.logagent.console.search.SearchBackend;
import io.logagent.console.search.SearchRoutes;
import io.logagent.console.search.SearchService;
import io.logagent.console.monitor.AllowPathsCheck;
import io.logagent.core.collect.CollectConfigCodec;
import io.logagent.core.ini.ConfigException;
import io.logagent.core.problem.ProblemReporter;
import io.logagent.core.status.StatusJson;
import io.logagent.core.problem.ProblemReporter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.logagent.core.kafka.KafkaAccessCheck;
import io.logagent.core.kafka.KafkaProblems;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The console: one HTTP server (page + JSON API) over OpenSearch, etcd and Kafka. {@link #create} wires every
 * part from a {@link ConsoleConfig}; the constructor takes them ready-made so tests can swap any of them.
 *
 * <p>Lifecycle: {@link #start()} binds the port (throws if it cannot), {@link #stop(Deadline)} stops serving and closes
 * the backend clients, {@link #awaitStop(Duration)} waits until stop() has finished.
 */
public final class ConsoleServer {

    private static final Logger log = LoggerFactory.getLogger(ConsoleServer.class);
    /** Failed logins allowed per user name, and per client IP, within {@link #LOGIN_WINDOW}. */
    public static final int LOGIN_MAX_FAILURES_PER_USER = 5;
    public static final int LOGIN_MAX_FAILURES_PER_IP = 20;
    public static final Duration LOGIN_WINDOW = Duration.ofMinutes(5);
    /** What {@link #stop()} gives the clients' closes when its caller has no deadline to pass down. */
    static final Duration STOP_BUDGET = Duration.ofSeconds(30);
    /** For the clients made before a start that failed: nothing of theirs is in flight yet. */
    private static final Duration START_FAILED_CLOSE = Duration.ofSeconds(5);

    private final ConsoleConfig.Http http;
    private final Javalin app;
    private final OwnedResources resources;
    private final Clock clock;
    private final Optional<String> generatedAdminPassword;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Optional<KafkaAccessCheck> kafkaCheck;
    private final String groupId;
    private final List<Runnable> background;
    private Optional<AlertEvaluator> alerts = Optional.empty();
    private String alertsConsoleUrl = "";

    /**
     * @param resources  the backend clients and background parts, closed by {@link #stop(Deadline)} within its deadline
     * @param kafkaCheck run by {@link #start()}: the console's Kafka user and certificates, and Describe on the group
     * @param background started by {@link #start()} once the server listens (the status watch, the pipeline
     *                   sampler); each is stopped as one of {@code resources}
     */
    public ConsoleServer(ConsoleConfig.Http http, Javalin app, OwnedResources resources,
                         Optional<String> generatedAdminPassword, Optional<KafkaAccessCheck> kafkaCheck, String groupId,
                         List<Runnable> background, Clock clock) {
        this.background = List.copyOf(background);
        this.kafkaCheck = kafkaCheck;
        this.groupId = groupId;
        this.http = http;
        this.app = app;
        this.resources = resources;
        this.generatedAdminPassword = generatedAdminPassword;
        this.clock = clock;
    }

    /** @throws ConfigException when {@code [http] port} is taken: before any client, thread or server is started */
    public static ConsoleServer create(ConsoleConfig config, Clock clock) {
        requirePortFree(config.http().bind(), config.http().port(), "[http] port");
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        OwnedResources resources = new OwnedResources();
        PrometheusMeterRegistry registry = resources.add("meter registry",
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), (r, deadline) -> r.close());
        new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
        new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(registry);
        HttpClient httpClient = SearchBackend.httpClient(config.es(), Duration.ofSeconds(5));
        resources.add("search client", httpClient);
        Client etcdClient = resources.add("etcd client", config.etcd().connection().connect());
        try {
            // Wrong credentials, certificates or role end the start here (exit code 2); an unreachable etcd does not.
            EtcdAccessCheck.readAll(etcdClient, config.etcd().connection(), new EtcdProblems(config.etcd().connection(), clock),
                    List.of(config.etcd().statusPrefix())).ifPresent(cause -> log.warn(
                            "etcd {} not readable at start ({}); the console starts anyway",
                            config.etcd().connection().endpointsText(), cause.toString()));
        } catch (RuntimeException e) {
            resources.closeAll(Deadline.after(START_FAILED_CLOSE, clock));
            throw e;
        }
        Optional<Admin> kafka = config.kafka().address().isBlank() ? Optional.empty()
                : Optional.of(Admin.create(kafkaAdminProperties(config.kafka())));
        kafka.ifPresent(a -> resources.add("kafka admin", a, (admin, deadline) -> admin.close(deadline.remaining())));
        KafkaProblems kafkaProblems = new KafkaProblems(config.kafka().address(), config.kafka().security(), NEEDS);

        SecureRandom random = new SecureRandom();
        UserStore users = new UserStore(config.auth().usersFile(), new PasswordHasher(random), mapper);
        Optional<String> generated = users.load(config.auth().adminPassword());
        SessionStore sessions = new SessionStore(random, clock);
        AuthGuard guard = new AuthGuard(users, sessions,
                new LoginRateLimiter(clock, LOGIN_MAX_FAILURES_PER_IP, LOGIN_WINDOW),
                new LoginRateLimiter(clock, LOGIN_MAX_FAILURES_PER_USER, LOGIN_WINDOW));

        SearchBackend backend = new SearchBackend(httpClient, mapper, config.es(),
                ProblemReporter.perMinute(LoggerFactory.getLogger(SearchBackend.class), clock));
        try {
            backend.firstContact();
        } catch (RuntimeException e) {
            resources.closeAll(Deadline.after(START_FAILED_CLOSE, clock));
            throw e;
        }
        EtcdKv etcd = new EtcdKv(etcdClient.getKVClient());
        AuditLog audit = new AuditLog(etcd, mapper, clock, config.etcd().auditPrefix());
        CollectConfigService configs = new CollectConfigService(etcd, new CollectConfigCodec(mapper), audit,
                config.etcd(), registry);
        CanaryRollout canaries = new CanaryRollout(etcd, configs, new CollectConfigCodec(mapper), audit);
        StatusCache statusCache = new StatusCache(etcdClient, config.etcd().statusPrefix(),
                config.etcd().connection().timeout(), new StatusJson());
        resources.add("status cache", statusCache);
        AgentStatuses statuses = new AgentStatuses(etcd, new StatusJson(), config.etcd().statusPrefix(),
                Optional.of(statusCache));
        PipelineService pipeline = new PipelineService(kafka, config.kafka().groupId(),
                new NamedTopics(etcd, config.etcd().keys(), new CollectConfigCodec(mapper)),
                config.pipeline().staleWarn(), config.pipeline().staleError(), backend, mapper, config.es().index(), clock,
                kafkaProblems);

        SearchService searchService = new SearchService(backend, mapper, config.es().index());
        HostOverview hostOverview = new HostOverview(configs, statuses);
        GroupRollout groupRollout = new GroupRollout(configs, statuses, etcd, canaries);
        WarmUp warmUp = new WarmUp(statusCache, Duration.ofSeconds(10), mapper,
                List.of(hostOverview::hosts, groupRollout::groups));
        resources.add("warm-up", warmUp);
        HttpClient transferHttp = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        resources.add("transfer status client", transferHttp);
        PipelineSampler sampler = PipelineSeries.sampler(config, statuses, backend, kafka, transferHttp, clock);
        resources.add("pipeline sampler", sampler); // closed before the clients it reads through
        Optional<DeadLetters> deadLetters = kafka.map(a -> new DeadLetters(() -> deadLetterConsumer(config.kafka()),
                config.kafka().deadLetterTopic(), Duration.ofSeconds(10)));
        HttpClient webhooks = Alerts.webhookClient();
        resources.add("webhook client", webhooks);
        Alerts alerts = Alerts.create(config.alerts(), etcdClient, etcd, audit, mapper,
                new Measurements(searchService, hostOverview, statuses, pipeline, deadLetters, clock), webhooks,
                registry, clock, config.http().bind() + ":" + config.http().port());
        resources.add("alert evaluator", alerts.evaluator()); // closed before the etcd client: it gives its lease up first

        Javalin app = io.logagent.console.web.WebApp.create(mapper, guard, List.of(
                new AuthRoutes(guard, users, sessions), new SeriesRoutes(sampler),
                new SearchRoutes(searchService, clock),
                new FieldFacetRoutes(new FieldFacets(backend, mapper, config.es().index()), clock),
                new PatternRoutes(new PatternService(backend, mapper, config.es().index()), clock),
                new SavedSearchRoutes(new SavedSearches(etcd, mapper, clock, config.etcd().savedSearchPrefix(), random)),
                new HostsRoutes(configs, audit, canaries),
                alerts.routes(),
                new MonitorRoutes(hostOverview, groupRollout, statuses, pipeline, registry,
                        new AllowPathsCheck(configs, statuses, new CollectConfigCodec(mapper)), configs,
                        deadLetters, kafkaProblems)),
                config.http());
        ConsoleServer server = new ConsoleServer(config.http(), app, resources, generated,
                kafka.map(a -> new KafkaAccessCheck(a, kafkaProblems, Duration.ofSeconds(10))), config.kafka().groupId(),
                List.of(statusCache::start, warmUp::start, sampler::start), clock);
        if (config.alerts().enabled()) {
            server.alerts = Optional.of(alerts.evaluator());
            server.alertsConsoleUrl = config.alerts().consoleUrl();
        }
        return server;
    }

    /**
     * Fails now, naming {@code setting}, when {@code bind:port} cannot be listened on, so that a console whose port
     * is taken does not first start its clients (or, in the demo, a whole stack) and then die. The port is free
     * again when this returns; another process may still take it before {@link #start()}, which then fails too.
     */
    public static void requirePortFree(String bind, int port, String setting) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(bind, port));
        } catch (IOException e) {
            throw new ConfigException(setting + " " + port + " on " + bind + " cannot be used (" + e.getMessage()
                    + "): something else listens there; stop it or choose another " + setting);
        }
    }

    /** What the console's Kafka user must be allowed, for the hint of a missing ACL. */
    public static final String NEEDS = "the console needs Describe on the topics and on the transfer's group, and Read on the dead-letter topic";

    /** The console's admin-client connection: bootstrap servers and the {@code [kafka]} security keys. */
    public static Map<String, Object> kafkaAdminProperties(ConsoleConfig.Kafka kafka) {
        Map<String, Object> p = new java.util.HashMap<>(kafka.security().clientProperties());
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.address());
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "logagent-console");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return p;
    }

    /** No group.id: the console only looks (assigned partitions, nothing committed), see {@link DeadLetters}. */
    static KafkaConsumer<byte[], byte[]> deadLetterConsumer(ConsoleConfig.Kafka kafka) {
        Map<String, Object> p = new java.util.HashMap<>(kafka.security().clientProperties());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.address());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "logagent-console-dead-letters");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, DeadLetters.MAX_LIMIT);
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Checks Kafka first when monitoring is on: a refused login, certificate or ACL (Describe on the transfer's
     * group) throws {@link io.logagent.core.problem.ConnectionProblemException} and the console does not start.
     */
    public void start() {
        if (kafkaCheck.isPresent()) {
            try {
                if (kafkaCheck.get().connect()) {
                    kafkaCheck.get().group(groupId, Set.of(AclOperation.DESCRIBE));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking Kafka at start", e);
            }
        }
        app.start(http.bind(), http.port());
        background.forEach(Runnable::run);
        log.info("console listening on {}://{}:{}/", http.scheme(), http.bind(), port());
        alerts.ifPresent(a -> a.start(alertsConsoleUrl.isEmpty() ? http.scheme() + "://" + http.bind() + ":" + port()
                : alertsConsoleUrl));
    }

    /** {@code https} when {@code [http] tls_cert_file} is set, else {@code http}. */
    public String scheme() {
        return http.scheme();
    }

    /** The bound port (the real one when the configured port is 0). */
    public int port() {
        return app.port();
    }

    /** The admin password generated at this first start, to show the operator once; empty otherwise. */
    public Optional<String> generatedAdminPassword() {
        return generatedAdminPassword;
    }

    /** Stops serving with Jetty's own stop timeout, then closes the backend clients within {@link #STOP_BUDGET}. */
    public void stop() {
        stopThenClose(Deadline.after(STOP_BUDGET, clock));
    }

    /**
     * Stops serving within what is left of {@code deadline} (Jetty's graceful stop waits for requests in flight no
     * longer), then closes the backend clients, last made first, within the rest of it: a client whose close
     * still runs at the deadline is abandoned and named in the log ({@link OwnedResources}).
     */
    public void stop(Deadline deadline) {
        app.jettyServer().server().setStopTimeout(Math.max(1, deadline.remaining().toMillis()));
        stopThenClose(deadline);
    }

    private void stopThenClose(Deadline closeBy) {
        try {
            app.stop();
            resources.closeAll(closeBy);
        } finally {
            stopped.countDown();
        }
    }

    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
