package io.logagent.transfer.consume;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * The topics to consume: the ini's list and regex, plus, when the transfer follows etcd, the topics the collect
 * configs name ({@link #follow}). Kafka subscribes to either a list or a pattern, so everything is folded into one
 * pattern. The dead-letter topic is always excluded, or a catch-all pattern would feed refused records back in.
 *
 * <p>A followed set is always subscribed as a pattern, even a plain list of names: a topic named in etcd before any
 * agent wrote to it does not exist yet, and a pattern picks it up at the consumer's next metadata refresh
 * ({@code metadata.max.age.ms}) without asking the broker to create it.
 *
 * <p>Threading: {@link #follow} may be called from any thread; it only swaps a reference. The consumer thread
 * calls {@link #subscribe} once and {@link #resubscribeIfChanged} at every poll, since a {@code KafkaConsumer}
 * may only be touched by its own thread.
 */
public final class Subscription {

    private static final Logger log = LoggerFactory.getLogger(Subscription.class);

    private final List<String> topics;
    private final Optional<Pattern> pattern;
    private final String deadLetterTopic;
    private final boolean dynamic;
    private final AtomicReference<Set<String>> followed = new AtomicReference<>(Set.of());
    /** The followed set in force on the consumer; consumer thread only. */
    private Set<String> subscribed;

    /** A fixed subscription: the ini's topics and pattern. */
    public Subscription(List<String> topics, Optional<Pattern> pattern, String deadLetterTopic) {
        this(topics, pattern, deadLetterTopic, false);
    }

    private Subscription(List<String> topics, Optional<Pattern> pattern, String deadLetterTopic, boolean dynamic) {
        this.topics = List.copyOf(topics);
        this.pattern = pattern;
        this.deadLetterTopic = deadLetterTopic;
        this.dynamic = dynamic;
    }

    /** The ini's topics and pattern, plus whatever {@link #follow} is given later. */
    public static Subscription following(List<String> topics, Optional<Pattern> pattern, String deadLetterTopic) {
        return new Subscription(topics, pattern, deadLetterTopic, true);
    }

    /** Replaces the followed topics; the consumer re-subscribes at its next poll. Any thread. */
    public void follow(Set<String> topicsNow) {
        followed.set(Set.copyOf(topicsNow));
    }

    /** The topics subscribed by name (ini list and followed ones), sorted; for health and logs. */
    public Set<String> namedTopics() {
        Set<String> all = new TreeSet<>(topics);
        all.addAll(followed.get());
        return all;
    }

    void subscribe(Consumer<?, ?> consumer, ConsumerRebalanceListener listener) {
        if (!dynamic && pattern.isEmpty()) {
            consumer.subscribe(topics, listener);
            return;
        }
        subscribed = followed.get();
        consumer.subscribe(asPattern(subscribed), listener);
    }

    /**
     * Re-subscribes when the followed set changed since the last call. A topic no longer named is revoked at the
     * rebalance this causes (its offsets are committed first, so naming it again resumes where it stopped).
     */
    void resubscribeIfChanged(Consumer<?, ?> consumer, ConsumerRebalanceListener listener) {
        Set<String> now = followed.get();
        if (!dynamic || now.equals(subscribed)) {
            return;
        }
        log.info("topics named in etcd changed: {} -> {}; re-subscribing", new TreeSet<>(subscribed),
                new TreeSet<>(now));
        subscribed = now;
        consumer.subscribe(asPattern(now), listener);
    }

    Pattern asPattern() {
        return asPattern(followed.get());
    }

    private Pattern asPattern(Set<String> extra) {
        StringBuilder regex = new StringBuilder("(?!").append(Pattern.quote(deadLetterTopic)).append("$)(?:");
        regex.append(pattern.map(Pattern::pattern).orElse("(?!)"));
        topics.forEach(t -> regex.append('|').append(Pattern.quote(t)));
        new TreeSet<>(extra).forEach(t -> regex.append('|').append(Pattern.quote(t)));
        return Pattern.compile(regex.append(')').toString());
    }
}
