package io.logagent.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logagent.core.ini.IniFile;
import io.logagent.stack.ChildProcessServer;
import io.logagent.stack.ElasticsearchServer;
import io.logagent.stack.KafkaServer;
import io.logagent.stack.OpenSearchServer;
import io.logagent.transfer.config.TransferConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Test helper around the real Kafka and a real search engine (OpenSearch, or Elasticsearch 7.10 for the
 * compatibility test): topics, agent-style records, counts and committed offsets.
 */
final class RealStack implements AutoCloseable {

    final KafkaServer kafka;
    /** The search engine's process, for outage tests (stop/start). */
    final ChildProcessServer search;
    private final String searchUrl;
    final ObjectMapper mapper = new ObjectMapper();
    private final Admin admin;
    private final KafkaProducer<byte[], byte[]> producer;
    private final HttpClient http = HttpClient.newHttpClient();

    RealStack(KafkaServer kafka, OpenSearchServer search) {
        this(kafka, search, search.httpUrl());
    }

    RealStack(KafkaServer kafka, ElasticsearchServer search) {
        this(kafka, search, search.httpUrl());
    }

    private RealStack(KafkaServer kafka, ChildProcessServer search, String searchUrl) {
        this.kafka = kafka;
        this.search = search;
        this.searchUrl = searchUrl;
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5,
                // One request in flight keeps order without the idempotent producer, whose sequence numbers get
                // stuck (OUT_OF_ORDER_SEQUENCE_NUMBER) when the first sends race a new partition's leader election.
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1), new ByteArraySerializer(), new ByteArraySerializer());
    }

    TransferConfig config(String topic, String group, String extra) {
        return TransferConfig.from(IniFile.parse("it.ini", iniText(topic, group, extra)));
    }

    /** A transfer config whose {@code [es]} section holds {@code esLines} (address included) instead of the engine's URL. */
    TransferConfig configWithoutAddress(String topic, String group, String esLines) {
        return TransferConfig.from(IniFile.parse("it.ini", iniText(topic, group, esLines)
                .replace("address=" + searchUrl + "\n", "")));
    }

    String iniText(String topic, String group, String extra) {
        return """
                [kafka]
                address=%s
                topic=%s
                group_id=%s
                dead_letter_topic=%s-dlq
                [es]
                address=%s
                flush_interval_ms=200
                bulk_max_docs=500
                nums=2
                retry_backoff_max_ms=1000
                %s
                """.formatted(kafka.bootstrapServers(), topic, group, topic, searchUrl, extra);
    }

    void createTopic(String topic, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> admin
                .describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
    }

    /** Sends lines {@code from..to-1} as the agent does: raw value, no key, location headers. */
    void produceAgentLines(String topic, int from, int to, String host) throws Exception {
        for (int i = from; i < to; i++) {
            String line = i % 2 == 0 ? "2026-11-30 06:13:00,%03d INFO line %d".formatted(i % 1000, i) : "plain line " + i;
            producer.send(new ProducerRecord<>(topic, null, (byte[]) null, line.getBytes(StandardCharsets.UTF_8),
                    agentHeaders(host, i)));
        }
        producer.flush();
    }

    /** The file_id header of every line {@link #produceAgentLines} sends. */
    static final String AGENT_FILE_ID = "2049:131:fp";

    static RecordHeaders agentHeaders(String host, long offset) {
        var h = new RecordHeaders();
        h.add("host", utf8(host));
        h.add("path", utf8("/var/log/app.log"));
        h.add("offset", utf8(Long.toString(offset * 100)));
        h.add("file_id", utf8(AGENT_FILE_ID));
        h.add("read_time", utf8("1764483180000"));
        h.add("module", utf8("web"));
        h.add("field.env", utf8("prod"));
        return h;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Sends one raw line, no key, with the headers given as name, value, name, value, ... */
    void sendLine(String topic, String line, String... headerNamesAndValues)
            throws ExecutionException, InterruptedException {
        var headers = new RecordHeaders();
        for (int i = 0; i < headerNamesAndValues.length; i += 2) {
            headers.add(headerNamesAndValues[i], utf8(headerNamesAndValues[i + 1]));
        }
        producer.send(new ProducerRecord<>(topic, null, (byte[]) null, utf8(line), headers)).get();
    }

    long count(String indexOrAlias) throws IOException, InterruptedException {
        HttpResponse<String> refresh = request("POST", "/" + indexOrAlias + "/_refresh", null);
        if (refresh.statusCode() == 404) {
            return 0;
        }
        JsonNode r = json("GET", "/" + indexOrAlias + "/_count", null);
        return r.path("count").asLong(-1);
    }

    JsonNode byId(String indexOrAlias, String id) throws IOException, InterruptedException {
        JsonNode hits = json("POST", "/" + indexOrAlias + "/_search",
                "{\"query\":{\"ids\":{\"values\":[\"" + id + "\"]}}}").path("hits").path("hits");
        return hits.size() == 1 ? hits.get(0) : null;
    }

    JsonNode json(String method, String path, String body) throws IOException, InterruptedException {
        return mapper.readTree(request(method, path, body).body());
    }

    HttpResponse<String> request(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(searchUrl + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sum of the group's committed offsets on the topic (0 when nothing is committed). */
    long committed(String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    long endOffsets(String topic) throws Exception {
        var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
        Map<TopicPartition, OffsetSpec> request = partitions.stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        return admin.listOffsets(request).all().get().values().stream().mapToLong(r -> r.offset()).sum();
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
        http.close();
    }
}
