package io.logagent.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

import java.util.List;

/**
 * Drops the Kafka client's own lines about refused credentials, certificates and ACLs. Those refusals reach our
 * code as exceptions and are logged there as one line naming the server and the setting to fix, at most once a
 * minute ({@code io.logagent.core.kafka.KafkaProblemLog}); the client's lines repeat on every reconnect (every
 * second or so) and name neither. Likewise the producer's metadata warnings about a topic that does not exist yet:
 * the agent's topic catalog has already said in one INFO line that it is created on first use, or put the entry in
 * ERROR naming the topic when the broker does not create topics. Every other client line passes.
 */
public final class KafkaNoiseFilter extends Filter<ILoggingEvent> {
    /** Message patterns (SLF4J templates, matched before formatting) of the refusals reported elsewhere. */
    private static final List<String> REPORTED = List.of(
            "failed authentication due to", // NetworkClient: SASL or TLS refused
            "_AUTHORIZATION_FAILED",        // metadata with TOPIC_/GROUP_/CLUSTER_AUTHORIZATION_FAILED
            "=UNKNOWN_TOPIC_OR_PARTITION"); // metadata of a topic being created on first use (see KafkaTopicCatalog)

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (!event.getLoggerName().startsWith("org.apache.kafka.")) {
            return FilterReply.NEUTRAL;
        }
        String template = event.getMessage();
        String formatted = template != null && template.contains("{}") ? event.getFormattedMessage() : template;
        if (formatted != null) {
            for (String r : REPORTED) {
                if (formatted.contains(r)) {
                    return FilterReply.DENY;
                }
            }
        }
        return FilterReply.NEUTRAL;
    }
}
