package io.logagent.console.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.logagent.console.Api;
import io.logagent.console.ConsoleFixture;
import io.logagent.console.MutableClock;
import io.logagent.console.config.ConsoleConfig;
import io.logagent.stack.EtcdServer;
import io.logagent.stack.OpenSearchServer;
import io.logagent.stack.junit.RealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;

import static io.logagent.console.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

/** Saved searches per user in real etcd: saved, listed for their owner only, opened by anyone by id or /s/ link. */
@ExtendWith(RealServers.class)
class SavedSearchApiTest {

    @Test
    void savedPerUserSharedByIdAndShortLink(OpenSearchServer os, EtcdServer etcd, @TempDir Path dir) throws Exception {
        try (ConsoleFixture console = new ConsoleFixture(dir, etcd.endpoint(), os.httpUrl(), "", "saved_it",
                new MutableClock(Instant.parse("2026-12-02T16:00:00Z"))); Api admin = console.admin()) {
            assertThat(admin.put("/api/users/sam", map("role", "viewer", "password", "sam-pass-123")).status()).isEqualTo(200);
            Api sam = console.anonymous().basic("sam", "sam-pass-123");

            Api.Response saved = admin.post("/api/saved-searches",
                    map("name", "payment errors", "q", "level:error AND payment", "from", "last 2 days", "to", "now"));
            assertThat(saved.status()).as(saved.body()).isEqualTo(201);
            String id = saved.json().path("id").asText();
            assertThat(id).matches("[a-z0-9]{10}");
            assertThat(admin.post("/api/saved-searches", map("name", "a second", "q", "x")).status()).isEqualTo(201);

            // Stored in etcd under [etcd] saved_search_prefix, one key per search.
            String prefix = ConsoleConfig.ETCD_SAVED_SEARCH_PREFIX.defaultValue();
            try (Client client = Client.builder().endpoints(etcd.endpoint()).build()) {
                var kvs = client.getKVClient().get(ByteSequence.from(prefix + id, StandardCharsets.UTF_8)).get().getKvs();
                assertThat(kvs).singleElement().satisfies(kv -> assertThat(kv.getValue().toString(StandardCharsets.UTF_8))
                        .contains("\"user\":\"admin\"", "level:error AND payment", "last 2 days"));
            }

            assertThat(names(admin.get("/api/saved-searches").json())).containsExactly("a second", "payment errors");
            assertThat(names(sam.get("/api/saved-searches").json())).isEmpty(); // another user's are not listed

            // Shared: any signed-in user opens it by id; the short link sends the page to it.
            JsonNode opened = sam.get("/api/saved-searches/" + id).json();
            assertThat(opened.path("q").asText()).isEqualTo("level:error AND payment");
            assertThat(opened.path("from").asText()).isEqualTo("last 2 days");
            assertThat(opened.path("to").asText()).isEqualTo("now");
            Api.Response link = console.anonymous().get("/s/" + id);
            assertThat(link.status()).isEqualTo(302);
            assertThat(link.raw().headers().firstValue("Location")).hasValue("/#search?saved=" + id);
            assertThat(sam.get("/api/saved-searches/zzzzzzzzzz").status()).isEqualTo(404);
            assertThat(console.anonymous().get("/api/saved-searches/" + id).status()).isEqualTo(401);

            // Bad input is refused with what is wrong; only the owner deletes.
            Api.Response badRange = admin.post("/api/saved-searches", map("name", "x", "from", "since lunch"));
            assertThat(badRange.status()).isEqualTo(400);
            assertThat(badRange.json().path("error").asText()).contains("last 2 days");
            assertThat(admin.post("/api/saved-searches", map("name", " ")).status()).isEqualTo(400);
            assertThat(sam.delete("/api/saved-searches/" + id).status()).isEqualTo(403);
            assertThat(admin.delete("/api/saved-searches/" + id).status()).isEqualTo(204);
            assertThat(names(admin.get("/api/saved-searches").json())).containsExactly("a second");
            assertThat(sam.get("/api/saved-searches/" + id).status()).isEqualTo(404);
            sam.close();
        }
    }

    private static List<String> names(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false).map(s -> s.path("name").asText()).toList();
    }
}
