package io.logagent.transfer.consume;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionTest {

    private static final ConsumerRebalanceListener NO_OP = new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsRevoked(java.util.Collection<org.apache.kafka.common.TopicPartition> partitions) { }

        @Override
        public void onPartitionsAssigned(java.util.Collection<org.apache.kafka.common.TopicPartition> partitions) { }
    };

    @Test
    void listAndPatternFoldIntoOnePatternThatNeverMatchesTheDeadLetterTopic() {
        Pattern p = new Subscription(List.of("web.log"), Optional.of(Pattern.compile("app-.*|.*-dlq")), "app-dlq").asPattern();
        assertThat(p.matcher("web.log").matches()).isTrue();
        assertThat(p.matcher("webxlog").matches()).isFalse();   // list entries are literal, not regexes
        assertThat(p.matcher("app-payments").matches()).isTrue();
        assertThat(p.matcher("other-dlq").matches()).isTrue();
        assertThat(p.matcher("app-dlq").matches()).isFalse();
        assertThat(p.matcher("other").matches()).isFalse();
    }

    @Test
    void aFollowedSetIsSubscribedAsAPatternAndReSubscribedOnlyWhenItChanges() {
        Subscription s = Subscription.following(List.of("static"), Optional.empty(), "dlq");
        CountingConsumer consumer = new CountingConsumer();
        s.subscribe(consumer, NO_OP);
        assertThat(consumer.subscribes).isEqualTo(1);
        assertThat(consumer.pattern.matcher("static").matches()).isTrue();
        assertThat(consumer.pattern.matcher("web_log").matches()).isFalse();

        s.resubscribeIfChanged(consumer, NO_OP);
        assertThat(consumer.subscribes).as("nothing changed").isEqualTo(1);

        s.follow(java.util.Set.of("web_log", "a.b"));
        s.resubscribeIfChanged(consumer, NO_OP);
        assertThat(consumer.subscribes).isEqualTo(2);
        assertThat(consumer.pattern.matcher("web_log").matches()).isTrue();
        assertThat(consumer.pattern.matcher("a.b").matches()).isTrue();
        assertThat(consumer.pattern.matcher("axb").matches()).isFalse(); // names are quoted, not regexes
        assertThat(s.namedTopics()).containsExactly("a.b", "static", "web_log");

        s.follow(java.util.Set.of("a.b"));
        s.resubscribeIfChanged(consumer, NO_OP);
        assertThat(consumer.subscribes).isEqualTo(3);
        assertThat(consumer.pattern.matcher("web_log").matches()).as("no longer named").isFalse();
    }

    @Test
    void aFixedSubscriptionNeverReSubscribes() {
        Subscription s = new Subscription(List.of("t"), Optional.empty(), "dlq");
        CountingConsumer consumer = new CountingConsumer();
        s.subscribe(consumer, NO_OP);
        s.follow(java.util.Set.of("other"));
        s.resubscribeIfChanged(consumer, NO_OP);
        assertThat(consumer.subscribes).isEqualTo(1);
        assertThat(consumer.subscription()).containsExactly("t");
    }

    /** Kafka's MockConsumer, recording what it was subscribed to. */
    private static final class CountingConsumer extends MockConsumer<byte[], byte[]> {
        int subscribes;
        Pattern pattern;

        CountingConsumer() {
            super("earliest");
        }

        @Override
        public synchronized void subscribe(Pattern p, ConsumerRebalanceListener listener) {
            subscribes++;
            pattern = p;
            super.subscribe(p, listener);
        }

        @Override
        public synchronized void subscribe(java.util.Collection<String> topics, ConsumerRebalanceListener listener) {
            subscribes++;
            super.subscribe(topics, listener);
        }
    }
}
