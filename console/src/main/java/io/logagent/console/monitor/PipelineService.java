package io.logagent.console.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logagent.console.search.SearchBackend;
import io.logagent.core.kafka.KafkaProblems;
import io.logagent.core.problem.ConnectionProblem;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline's health in one view: a verdict per topic ({@link TopicHealth}: named in etcd but not consumed by
 * any transfer, stale), Kafka topics with end offsets and the transfer group's lag, the indices the transfer wrote,
 * and how old the newest indexed line of each topic is. Each part fails on its own: an unreachable Kafka shows as
 * an error beside working index figures.
 */
public final class PipelineService {

    private static final long KAFKA_TIMEOUT_MS = 10_000;

    public record Partition(int partition, long endOffset, Long committed, Long lag) { }

    public record Topic(String name, List<Partition> partitions, long totalLag) { }

    public record Freshness(String topic, Instant newest, long ageSeconds, boolean stale) { }

    private final Optional<Admin> kafka;
    private final String groupId;
    private final NamedTopics named;
    private final TopicHealth health;
    private final Duration staleWarn;
    private final SearchBackend search;
    private final ObjectMapper mapper;
    private final String alias;
    private final Clock clock;
    private final KafkaProblems kafkaProblems;

    /**
     * @param staleWarn     a topic whose newest line is older is flagged stale (amber); see {@link TopicHealth}
     * @param kafkaProblems names what to fix when Kafka refuses the console (credentials, certificate, ACL)
     */
    public PipelineService(Optional<Admin> kafka, String groupId, NamedTopics named, Duration staleWarn,
                           Duration staleError, SearchBackend search, ObjectMapper mapper, String alias, Clock clock,
                           KafkaProblems kafkaProblems) {
        this.kafkaProblems = kafkaProblems;
        this.kafka = kafka;
        this.groupId = groupId;
        this.named = named;
        this.staleWarn = staleWarn;
        this.health = new TopicHealth(staleWarn, staleError);
        this.search = search;
        this.mapper = mapper;
        this.alias = alias;
        this.clock = clock;
    }

    public Map<String, Object> snapshot() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("checked_at", clock.instant().toString());
        Optional<List<Topic>> topics = Optional.empty();
        Optional<Map<String, List<String>>> consumers = Optional.empty();
        if (kafka.isPresent()) {
            topics = part(out, "kafka", () -> topics(kafka.get()));
            consumers = part(out, "consumers", () -> consumers(kafka.get()));
        } else {
            out.put("kafka", Map.of("disabled", "[kafka] address is empty"));
        }
        part(out, "indices", this::indices);
        List<Freshness> fresh = part(out, "freshness", this::freshness).orElse(List.of());
        List<String> committed = topics.orElse(List.of()).stream()
                .filter(t -> t.partitions().stream().anyMatch(p -> p.committed() != null)).map(Topic::name).toList();
        Optional<List<Topic>> kafkaTopics = topics;
        Optional<Map<String, List<String>>> consumedBy = consumers;
        part(out, "topics", () -> health.verdicts(named.read(), kafkaTopics, consumedBy, committed, fresh));
        // After the parts that asked the search engine: a refusal they just met is already the current problem.
        out.put("search", Map.of("problems", search.currentProblem().map(p -> List.of(p.line())).orElse(List.of())));
        return out;
    }

    private interface Part<T> {
        T get() throws Exception;
    }

    /**
     * Puts the part's value, or its error, under {@code name}; a failed part is unknown to the parts after it. Kafka
     * refusing the console (credentials, certificate, ACL) is shown as the line naming the setting to fix.
     */
    private <T> Optional<T> part(Map<String, Object> out, String name, Part<T> part) {
        try {
            T value = part.get();
            out.put(name, value);
            return Optional.of(value);
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            String error = kafkaProblems.classify(cause).map(ConnectionProblem::line)
                    .orElse(String.valueOf(e.getMessage() != null ? e.getMessage() : e));
            out.put(name, Map.of("error", error));
            return Optional.empty();
        }
    }

    /** Topic → the consumer groups with a member assigned to one of its partitions now. */
    Map<String, List<String>> consumers(Admin admin) throws Exception {
        List<String> groups = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()
                .get(KAFKA_TIMEOUT_MS, TimeUnit.MILLISECONDS).stream().map(GroupListing::groupId).toList();
        Map<String, TreeSet<String>> byTopic = new TreeMap<>();
        if (!groups.isEmpty()) {
            admin.describeConsumerGroups(groups).all().get(KAFKA_TIMEOUT_MS, TimeUnit.MILLISECONDS).values()
                    .forEach(g -> g.members().forEach(m -> m.assignment().topicPartitions().forEach(tp ->
                            byTopic.computeIfAbsent(tp.topic(), t -> new TreeSet<>()).add(g.groupId()))));
        }
        Map<String, List<String>> out = new TreeMap<>();
        byTopic.forEach((t, g) -> out.put(t, List.copyOf(g)));
        return out;
    }

    List<Topic> topics(Admin admin) throws Exception {
        Map<String, TopicDescription> described = admin.describeTopics(
                admin.listTopics().names().get(KAFKA_TIMEOUT_MS, TimeUnit.MILLISECONDS))
                .allTopicNames().get(KAFKA_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        described.values().forEach(d -> d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        var ends = admin.listOffsets(latest).all().get(KAFKA_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(KAFKA_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        List<Topic> topics = new ArrayList<>();
        described.keySet().stream().sorted().forEach(name -> {
            List<Partition> parts = new ArrayList<>();
            long total = 0;
            for (var p : described.get(name).partitions()) {
                TopicPartition tp = new TopicPartition(name, p.partition());
                long end = ends.get(tp).offset();
                OffsetAndMetadata c = committed.get(tp);
                Long lag = c == null ? null : Math.max(0, end - c.offset());
                total += lag == null ? end : lag;
                parts.add(new Partition(p.partition(), end, c == null ? null : c.offset(), lag));
            }
            topics.add(new Topic(name, parts, total));
        });
        return topics;
    }

    private List<JsonNode> indices() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode i : search.get("/_cat/indices?format=json&bytes=b&h=index,health,status,docs.count,store.size")) {
            if (!i.path("index").asText().startsWith(".")) {
                out.add(i);
            }
        }
        out.sort((a, b) -> a.path("index").asText().compareTo(b.path("index").asText()));
        return out;
    }

    private List<Freshness> freshness() {
        ObjectNode body = mapper.createObjectNode();
        body.put("size", 0);
        ObjectNode terms = body.putObject("aggs").putObject("topics");
        terms.putObject("terms").put("field", "topic").put("size", 200);
        terms.putObject("aggs").putObject("newest").putObject("max").put("field", "@timestamp");
        JsonNode r = search.post("/" + alias + "/_search?ignore_unavailable=true&allow_no_indices=true", body);
        Instant now = clock.instant();
        List<Freshness> out = new ArrayList<>();
        for (JsonNode b : r.path("aggregations").path("topics").path("buckets")) {
            Instant newest = Instant.ofEpochMilli(b.path("newest").path("value").asLong());
            long age = Math.max(0, Duration.between(newest, now).toSeconds());
            out.add(new Freshness(b.path("key").asText(), newest, age, age > staleWarn.toSeconds()));
        }
        return out;
    }
}
