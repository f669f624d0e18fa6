package io.logagent.agent.multiline;

import io.logagent.core.collect.CollectEntry.Multiline;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The multiline corpus ({@code src/test/resources/multiline}): real-looking files of each preset's format, with
 * the number of events a reader counts by hand ({@code expected.tsv}). Every file goes through the aggregator line
 * by line as the harvester feeds it; the table of expected and joined events per file is printed.
 */
class MultilineCorpusTest {

    @Test
    void everyPresetJoinsItsFilesIntoTheExpectedEvents() throws IOException, URISyntaxException {
        Path dir = Path.of(Objects.requireNonNull(getClass().getResource("/multiline")).toURI());
        StringBuilder table = new StringBuilder(String.format("%nMultiline corpus%n%-20s %-7s %8s %6s%n",
                "file", "preset", "expected", "events"));
        List<String> wrong = new ArrayList<>();
        int files = 0;
        for (String row : Files.readAllLines(dir.resolve("expected.tsv"))) {
            if (row.startsWith("#") || row.isBlank()) {
                continue;
            }
            String[] f = row.split("\t");
            List<String> events = join(Multiline.preset(f[1]), Files.readAllLines(dir.resolve(f[0]), StandardCharsets.UTF_8));
            int expected = Integer.parseInt(f[2]);
            table.append(String.format("%-20s %-7s %8d %6d%n", f[0], f[1], expected, events.size()));
            if (events.size() != expected) {
                wrong.add(f[0] + " joined into:\n---\n" + String.join("\n---\n", events));
            }
            files++;
        }
        System.out.println(table);
        assertThat(wrong).as(table.toString()).isEmpty();
        assertThat(files).isGreaterThanOrEqualTo(8);
    }

    static List<String> join(Multiline config, List<String> lines) {
        MultilineAggregator agg = new MultilineAggregator(config);
        List<String> events = new ArrayList<>();
        long offset = 0;
        for (String text : lines) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            Line done = agg.add(new Line(offset, offset + bytes.length + 1, bytes, -1), 0);
            offset += bytes.length + 1;
            if (done != null) {
                events.add(new String(done.value(), StandardCharsets.UTF_8));
            }
        }
        Line last = agg.flush();
        if (last != null) {
            events.add(new String(last.value(), StandardCharsets.UTF_8));
        }
        return events;
    }
}
