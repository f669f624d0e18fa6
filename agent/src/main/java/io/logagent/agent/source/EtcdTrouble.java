package io.logagent.agent.source;

import io.logagent.core.etcd.EtcdClientSettings;
import io.logagent.core.etcd.EtcdProblems;
import io.logagent.core.problem.ConnectionProblem;
import io.logagent.core.problem.OncePerInterval;
import io.logagent.core.problem.ProblemReporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the agent's etcd users (config source, status publisher) report failed requests. A configuration problem
 * (credentials, certificate, permission) becomes one ERROR line naming the server and the setting to fix, an
 * unreachable etcd one WARN; either at most once a minute per distinct text, however often the callers retry.
 * The failures still current are what the agent's status shows. Thread-safe.
 */
public final class EtcdTrouble {
    private static final Logger log = LoggerFactory.getLogger(EtcdTrouble.class);

    private final EtcdProblems problems;
    private final ProblemReporter reporter;
    private final OncePerInterval warnings;
    private final String endpoints;
    /** By access ("read KEY", "write KEY"): the failure's text, until that access works again. */
    private final Map<String, String> current = new ConcurrentHashMap<>();

    public EtcdTrouble(EtcdProblems problems, ProblemReporter reporter, OncePerInterval warnings, String endpoints) {
        this.problems = problems;
        this.reporter = reporter;
        this.warnings = warnings;
        this.endpoints = endpoints;
    }

    public static EtcdTrouble perMinute(EtcdClientSettings.Values settings, Clock clock) {
        return new EtcdTrouble(new EtcdProblems(settings, clock), ProblemReporter.perMinute(log, clock),
                OncePerInterval.perMinute(clock), settings.endpointsText());
    }

    /** @param access what failed, e.g. {@code read /logagent/10.0.0.5/collect_config} */
    public void failed(String access, Throwable error) {
        Optional<ConnectionProblem> problem = problems.classify(error, access);
        if (problem.isPresent()) {
            reporter.report(problem.get());
            current.put(access, problem.get().line());
            return;
        }
        String text = "etcd " + endpoints + " unreachable (" + access + "): " + brief(error);
        current.put(access, text);
        warnings.admit(text).ifPresent(heldBack -> log.warn("{}; retrying{}", text,
                heldBack == 0 ? "" : " (" + heldBack + " more since the last report)"));
    }

    public void recovered(String access) {
        if (current.remove(access) != null) {
            log.info("etcd {}: {} works again", endpoints, access);
        }
    }

    /** The failures not yet recovered, joined; null when there are none. */
    public String current() {
        return current.isEmpty() ? null : String.join("; ", current.values());
    }

    /** The innermost message: jetcd wraps gRPC's status in two or three layers that say nothing more. */
    private static String brief(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
