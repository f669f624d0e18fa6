package io.logagent.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logagent.stack.KafkaServer;
import io.logagent.stack.OpenSearchServer;
import io.logagent.stack.tls.SearchTlsFront.User;
import io.logagent.stack.tls.SecuredSearchFronts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The transfer's /health names the search engine's current problem, as it names etcd's: a password rotated on the
 * cluster under the running transfer shows as the one line naming the setting to fix, while the transfer stays UP
 * and retries; the line goes away once bulks succeed again.
 */
class SearchProblemHealthIT extends TransferOnRealServersTestBase {

    @TempDir
    static Path certs;
    private static SecuredSearchFronts fronts;

    SearchProblemHealthIT(KafkaServer kafka, OpenSearchServer search) {
        super(new RealStack(kafka, search));
    }

    @BeforeAll
    static void startFronts(OpenSearchServer search) {
        fronts = SecuredSearchFronts.start(certs, search.httpUrl(), List.of(new User("health", "first", false)));
    }

    @AfterAll
    static void stopFronts() {
        if (fronts != null) {
            fronts.close();
        }
    }

    @Test
    void aWrongPasswordIsShownOnHealthUntilItIsFixed() throws Exception {
        String topic = "it-health-es";
        stack.createTopic(topic, 1);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        transfer.start(stack.configWithoutAddress(topic, "g-health-es", "address=" + fronts.good().httpsUrl()
                + "\nusername=health\npassword=first\nca_file=" + fronts.ca().certPem() + "\n[transfer]\nhttp_port=" + port));
        URI health = URI.create("http://127.0.0.1:" + port + "/health");
        stack.produceAgentLines(topic, 0, 20, "h-health");
        await().atMost(Duration.ofSeconds(60)).until(() -> stack.count(topic) == 20);
        assertThat(problems(health, "es")).isEmpty();
        assertThat(problems(health, "kafka")).isEmpty();

        fronts.good().putUser(new User("health", "second", false)); // the cluster's password changed, not the ini
        stack.produceAgentLines(topic, 20, 40, "h-health");
        String line = "es " + fronts.good().httpsUrl() + " refused user 'health': wrong [es] password (or [es] username)";
        await().atMost(Duration.ofSeconds(30)).until(() -> problems(health, "es").contains(line));
        assertThat(body(health).path("status").asText()).isEqualTo("UP"); // retrying, not dead

        fronts.good().putUser(new User("health", "first", false));
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.count(topic) == 40);
        await().atMost(Duration.ofSeconds(10)).until(() -> problems(health, "es").isEmpty());
    }

    static List<String> problems(URI health, String part) throws Exception {
        List<String> out = new ArrayList<>();
        body(health).path(part).path("problems").forEach(p -> out.add(p.asText()));
        return out;
    }

    static JsonNode body(URI health) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
            return new ObjectMapper().readTree(r.body());
        }
    }
}
