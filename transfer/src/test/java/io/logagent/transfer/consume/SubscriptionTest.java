package io.logagent.transfer.consume;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionTest {

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
}
