package io.logagent.transfer.consume;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The topics to consume: a list, a regex, or both. Kafka subscribes to either a list or a pattern, so both are
 * folded into one pattern. The dead-letter topic is always excluded from a pattern, or a catch-all pattern would
 * feed refused records back in forever.
 */
public record Subscription(List<String> topics, Optional<Pattern> pattern, String deadLetterTopic) {

    public Subscription {
        topics = List.copyOf(topics);
    }

    void subscribe(Consumer<?, ?> consumer, ConsumerRebalanceListener listener) {
        if (pattern.isEmpty()) {
            consumer.subscribe(topics, listener);
        } else {
            consumer.subscribe(asPattern(), listener);
        }
    }

    Pattern asPattern() {
        StringBuilder regex = new StringBuilder("(?!").append(Pattern.quote(deadLetterTopic)).append("$)(?:");
        regex.append(pattern.map(Pattern::pattern).orElse("(?!)"));
        topics.forEach(t -> regex.append('|').append(Pattern.quote(t)));
        return Pattern.compile(regex.append(')').toString());
    }
}
