package io.logagent.core.kafka;

import io.logagent.core.problem.ConnectionProblem;
import io.logagent.core.problem.ConnectionProblemException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The first connection of a component at start: are the credentials and certificates right, and may it do what it
 * must (the operations the brokers report as authorized for its topics and group)? A problem of the configuration
 * throws {@link ConnectionProblemException} (exit code 2); Kafka not answering in time is only logged: the
 * component starts and its clients keep retrying, the way they do for an outage later on.
 *
 * <p>Uses {@code includeAuthorizedOperations}, so nothing is written or consumed to find out.
 */
public final class KafkaAccessCheck {
    private static final Logger log = LoggerFactory.getLogger(KafkaAccessCheck.class);

    private final Admin admin;
    private final KafkaProblems problems;
    private final Duration timeout;

    public KafkaAccessCheck(Admin admin, KafkaProblems problems, Duration timeout) {
        this.admin = admin;
        this.problems = problems;
        this.timeout = timeout;
    }

    /** Connects and authenticates; false when Kafka did not answer within the timeout (not a config problem). */
    public boolean connect() throws InterruptedException {
        return await(admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms())).nodes()) != null;
    }

    /**
     * Checks that {@code operations} are allowed on each existing topic of {@code topics} (topics that do not exist
     * yet are skipped: auto-creation or the operator decides later). False when Kafka did not answer in time.
     */
    public boolean topics(Collection<String> topics, Set<AclOperation> operations) throws InterruptedException {
        if (topics.isEmpty()) {
            return true;
        }
        Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(topics,
                new DescribeTopicsOptions().includeAuthorizedOperations(true).timeoutMs(ms())).topicNameValues();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> e : described.entrySet()) {
            TopicDescription d;
            try {
                d = await(e.getValue(), e.getKey());
            } catch (NotFound u) {
                continue;
            }
            if (d == null) {
                return false;
            }
            require(d.authorizedOperations(), operations, "topic '" + e.getKey() + "'");
        }
        return true;
    }

    /**
     * Checks that {@code operations} are allowed on consumer group {@code group}. A group the brokers do not know
     * yet passes (newer brokers answer "not found" before authorizing more than Describe).
     */
    public boolean group(String group, Set<AclOperation> operations) throws InterruptedException {
        ConsumerGroupDescription d;
        try {
            d = await(admin.describeConsumerGroups(Set.of(group),
                    new DescribeConsumerGroupsOptions().includeAuthorizedOperations(true).timeoutMs(ms()))
                    .describedGroups().get(group));
        } catch (NotFound e) {
            return true;
        }
        if (d == null) {
            return false;
        }
        require(d.authorizedOperations(), operations, "consumer group '" + group + "'");
        return true;
    }

    private void require(Set<AclOperation> authorized, Set<AclOperation> needed, String resource) {
        if (authorized == null) {
            return; // the broker does not report them (no authorizer): everything is allowed
        }
        boolean all = authorized.contains(AclOperation.ALL);
        for (AclOperation op : needed) {
            // READ, WRITE, DELETE and ALTER imply DESCRIBE; the broker lists DESCRIBE then as well.
            if (!all && !authorized.contains(op)) {
                throw new ConnectionProblemException(new ConnectionProblem(ConnectionProblem.Kind.AUTHORIZATION,
                        "kafka", problems.server(), "refused " + problems.security().principal() + " "
                        + op.name() + " on " + resource, "missing ACL on the brokers (" + problems.needs() + ")"),
                        null);
            }
        }
    }

    /** The value; null on timeout; a config problem thrown; a missing topic or group as {@link NotFound}. */
    private <T> T await(KafkaFuture<T> future) throws InterruptedException {
        return await(future, null);
    }

    /** Like {@link #await(KafkaFuture)}; a refusal of {@code topic} names it (the admin client's does not). */
    private <T> T await(KafkaFuture<T> future, String topic) throws InterruptedException {
        try {
            return future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException
                    || e.getCause() instanceof GroupIdNotFoundException) {
                throw new NotFound();
            }
            Throwable cause = topic != null && e.getCause() instanceof TopicAuthorizationException
                    ? new TopicAuthorizationException(Set.of(topic)) : e.getCause();
            ConnectionProblem p = problems.classify(cause).orElse(null);
            if (p != null) {
                throw new ConnectionProblemException(p, e.getCause());
            }
            log.warn("Kafka {} did not answer the start-up check ({}); starting anyway, clients keep retrying",
                    problems.server(), e.getCause().toString());
            return null;
        } catch (TimeoutException e) {
            future.cancel(true);
            log.warn("Kafka {} did not answer within {} at start; starting anyway, clients keep retrying",
                    problems.server(), timeout);
            return null;
        }
    }

    private int ms() {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    /** A topic or group that does not exist yet: nothing to check. */
    private static final class NotFound extends RuntimeException {
        NotFound() {
            super(null, null, false, false);
        }
    }
}
