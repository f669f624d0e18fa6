package io.logagent.core.kafka;

import io.logagent.core.problem.ConnectionProblem;
import io.logagent.core.problem.ProblemReporter;
import org.slf4j.Logger;

import java.time.Clock;
import java.util.Optional;

/**
 * One component's Kafka clients' configuration problems: each error a client meets is offered to
 * {@link #report(Throwable)}; those that are problems of the configuration (credentials, certificates, ACLs) are
 * logged as one named line at most once a minute and kept for status pages until a client succeeds again.
 * Thread-safe.
 */
public final class KafkaProblemLog {
    private final KafkaProblems problems;
    private final ProblemReporter reporter;

    public KafkaProblemLog(KafkaProblems problems, ProblemReporter reporter) {
        this.problems = problems;
        this.reporter = reporter;
    }

    /** Logs on {@code log}, one line per distinct problem per minute of {@code clock}. */
    public static KafkaProblemLog perMinute(KafkaProblems problems, Logger log, Clock clock) {
        return new KafkaProblemLog(problems, ProblemReporter.perMinute(log, clock));
    }

    /** True when {@code error} is a configuration problem (then it was reported); false for anything else. */
    public boolean report(Throwable error) {
        Optional<ConnectionProblem> p = problems.classify(error);
        p.ifPresent(reporter::report);
        return p.isPresent();
    }

    /** A client succeeded: the problem, if any, is gone. */
    public void clear() {
        reporter.clear();
    }

    public Optional<ConnectionProblem> current() {
        return reporter.current();
    }

    public KafkaProblems problems() {
        return problems;
    }
}
