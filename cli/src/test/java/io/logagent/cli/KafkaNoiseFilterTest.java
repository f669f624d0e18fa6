package io.logagent.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaNoiseFilterTest {
    private final LoggerContext context = new LoggerContext();
    private final KafkaNoiseFilter filter = new KafkaNoiseFilter();

    private FilterReply decide(String logger, String template, Object... args) {
        Logger l = context.getLogger(logger);
        return filter.decide(new LoggingEvent(Logger.class.getName(), l, Level.ERROR, template, null, args));
    }

    @Test
    void dropsOnlyKafkasRepeatedRefusalLines() {
        assertThat(decide("org.apache.kafka.clients.NetworkClient",
                "[Producer clientId=x] Connection to node {} ({}) failed authentication due to: {}", -1,
                "/127.0.0.1:9093", "Authentication failed")).isEqualTo(FilterReply.DENY);
        assertThat(decide("org.apache.kafka.clients.NetworkClient",
                "[Producer clientId=x] Error while fetching metadata with correlation id {} : {}", 7,
                "{web=TOPIC_AUTHORIZATION_FAILED}")).isEqualTo(FilterReply.DENY);
        assertThat(decide("org.apache.kafka.clients.NetworkClient", "[Producer clientId=x] The metadata response from "
                + "the cluster reported a recoverable issue with correlation id {} : {}", 5,
                "{web_log=UNKNOWN_TOPIC_OR_PARTITION}")).isEqualTo(FilterReply.DENY);
        assertThat(decide("org.apache.kafka.clients.NetworkClient",
                "[Producer clientId=x] Connection to node {} ({}) could not be established.", 1, "/127.0.0.1:9093"))
                .as("an unreachable broker stays visible").isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("io.logagent.agent.Agent", "x failed authentication due to y"))
                .as("our own lines are never dropped").isEqualTo(FilterReply.NEUTRAL);
    }
}
