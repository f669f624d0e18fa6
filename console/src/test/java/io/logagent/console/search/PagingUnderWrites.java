package io.logagent.console.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.logagent.console.Api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cursor paging while lines arrive, shared by the OpenSearch and the Elasticsearch test: {@code seeded} lines are
 * indexed first, then a writer adds about 1,000 lines a second with timestamps spread over the same range (so they
 * land between and inside the pages), while the test pages through with {@code size=1000}, waiting for 1,000 new
 * lines between pages. Every page is strictly ordered, no line shows twice, and every line that existed at the first page shows.
 * Some seeded lines have no {@code file_id} (missing sort values must page too).
 */
final class PagingUnderWrites {

    static final int SEEDED = 2_000;
    static final String FROM = "2026-11-30T08:00:00Z";
    static final String TO = "2026-11-30T09:00:00Z";

    private PagingUnderWrites() {
    }

    /** The line at {@code i}: timestamps 1 s apart from FROM, several lines per second on different hosts. */
    static String doc(int i, String marker, boolean withFileId, long offset) {
        Instant t = Instant.parse(FROM).plusMillis(1_000L * (i / 3));
        return "{\"@timestamp\":\"" + t + "\",\"host\":\"10.9.0." + (i % 3) + "\",\"path\":\"/var/log/p.log\","
                + "\"offset\":" + offset + ",\"topic\":\"paging\",\"level\":\"INFO\""
                + (withFileId ? ",\"file_id\":\"f" + (i % 3) + "\"" : "") + ",\"message\":\"" + marker + " " + i + "\"}";
    }

    static void check(String engineUrl, String index, Api api) throws Exception {
        List<String> docs = new ArrayList<>();
        for (int i = 0; i < SEEDED; i++) {
            docs.add(doc(i, "seeded", i % 7 != 0, (i / 3) * 100L));
        }
        OpenSearchSeed.index(engineUrl, index, docs);

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        AtomicReference<Exception> writerFailed = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            int n = 0;
            while (writing.get()) {
                List<String> batch = new ArrayList<>();
                for (int k = 0; k < 100; k++, n++) {
                    // Same seconds as the seeded lines, other offsets: they sort in among them.
                    batch.add(doc((n * 7919) % SEEDED, "arrived", true, 1_000_000L + n));
                }
                try {
                    OpenSearchSeed.index(engineUrl, index, batch);
                    written.addAndGet(batch.size());
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    writerFailed.set(e);
                    return;
                }
            }
        }, "paging-test-writer");
        writer.start();
        try {
            Thread.sleep(300);
            List<String> seen = new ArrayList<>();
            Set<String> seededSeen = new HashSet<>();
            Map<String, String> params = Map.of("q", "topic:paging", "from", FROM, "to", TO, "size", "1000");
            JsonNode page = get(api, params);
            int pages = 0;
            while (true) {
                pages++;
                String previous = null;
                for (JsonNode hit : page.path("hits")) {
                    String ts = hit.path("@timestamp").asText();
                    String key = ts + "|" + hit.path("offset").asLong() + "|" + hit.path("host").asText();
                    seen.add(key);
                    if (hit.path("message").asText().startsWith("seeded ")) {
                        seededSeen.add(hit.path("message").asText());
                    }
                    assertThat(previous == null || previous.compareTo(ts) >= 0).as("newest first").isTrue();
                    previous = ts;
                }
                if (page.path("next").isNull()) {
                    break;
                }
                // 1,000 more lines arrive before the next page (about a second; longer on a loaded machine).
                int target = written.get() + 1_000;
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (written.get() < target && writerFailed.get() == null && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                page = get(api, Map.of("q", "topic:paging", "size", "1000", "after", page.path("next").asText()));
            }
            assertThat(pages).isGreaterThanOrEqualTo(2);
            assertThat(written.get()).as("lines written while paging").isGreaterThanOrEqualTo(1_000 * (pages - 1));
            assertThat(new HashSet<>(seen)).as("no line shown twice").hasSize(seen.size());
            assertThat(seededSeen).as("every line that existed at the first page").hasSize(SEEDED);
        } finally {
            writing.set(false);
            writer.join(Duration.ofSeconds(30));
        }
        assertThat(writerFailed.get()).isNull();

        // A download streams every matching line, page by page, past one page's 1,000.
        long total = get(api, Map.of("q", "topic:paging", "from", FROM, "to", TO, "size", "1")).path("total").asLong();
        Api.Response file = api.get("/api/download", Map.of("format", "jsonl", "q", "topic:paging", "from", FROM, "to", TO));
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.raw().headers().firstValue("X-Logagent-Total")).contains(Long.toString(total));
        List<String> lines = file.body().lines().toList();
        assertThat(lines).hasSize((int) total).doesNotHaveDuplicates().allMatch(l -> l.contains("\"_id\""));
        assertThat(total).isGreaterThan(SEEDED);
    }

    private static JsonNode get(Api api, Map<String, String> params) {
        Api.Response r = api.get("/api/search", params);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }
}
