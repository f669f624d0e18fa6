package io.logagent.transfer.document;

import io.logagent.core.time.Stamp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The timestamp and level corpus ({@code src/test/resources/corpus/*.tsv}, one file per family, see its
 * {@code generate.py}): every line with the instant and level it must get, read exactly as {@link DocumentBuilder}
 * reads a record (the entry's zone and timestamp format as headers). Prints the score per family and asserts the
 * goals: at least 95 % of stamped lines exact, no wrong time (a date taken from a line without a stamp of its own
 * is wrong too), at least 98 % of levels right, no wrong level.
 */
class CorpusTest {

    static final Clock READ_CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    /** One corpus line and the entry settings in force for it. */
    record Case(String family, Instant instant, String level, String line, String zone, String pattern,
                String regex) {
        @Override
        public String toString() {
            return family + ": " + line;
        }
    }

    private static List<Case> cases;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        cases = load(Path.of(Objects.requireNonNull(CorpusTest.class.getResource("/corpus")).toURI()));
    }

    static List<Case> load(Path dir) throws IOException {
        List<Case> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".tsv")).sorted().toList()) {
                String family = file.getFileName().toString().replace(".tsv", "");
                String zone = null;
                String pattern = null;
                String regex = null;
                for (String row : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (row.startsWith("#zone ")) {
                        zone = row.substring(6);
                    } else if (row.startsWith("#pattern ")) {
                        pattern = row.substring(9);
                    } else if (row.startsWith("#regex ")) {
                        regex = row.substring(7);
                    } else if (!row.startsWith("#") && !row.isEmpty()) {
                        String[] f = row.split("\t", 3);
                        out.add(new Case(family, f[0].equals("-") ? null : Instant.parse(f[0]),
                                f[1].equals("-") ? null : f[1], f[2], zone, pattern, regex));
                    }
                }
            }
        }
        return out;
    }

    /** Counts of one family. */
    private static final class Score {
        int stamped;
        int exact;
        int fallback;
        int wrong;
        int unstamped;
        int levels;
        int levelRight;
        int levelMissing;
        int levelWrong;

        void add(Score o) {
            stamped += o.stamped;
            exact += o.exact;
            fallback += o.fallback;
            wrong += o.wrong;
            unstamped += o.unstamped;
            levels += o.levels;
            levelRight += o.levelRight;
            levelMissing += o.levelMissing;
            levelWrong += o.levelWrong;
        }

        String row(String name) {
            return String.format("%-14s %5d %7s %8s %6d %6d %7s %6d %6d", name, stamped, pct(exact, stamped),
                    pct(fallback, stamped), wrong, unstamped, pct(levelRight, levels), levelMissing, levelWrong);
        }

        private static String pct(int n, int of) {
            return of == 0 ? "-" : String.format("%.1f%%", 100.0 * n / of);
        }
    }

    @Test
    void timestampsAndLevelsMeetTheGoals() {
        TimestampExtractor timestamps = new TimestampExtractor(READ_CLOCK, ZoneOffset.UTC);
        LevelExtractor levels = new LevelExtractor();
        Map<String, Score> scores = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        for (Case c : cases) {
            Score s = scores.computeIfAbsent(c.family(), f -> new Score());
            Stamp stamp = timestamps.extract(c.line(), c.zone(), c.pattern(), c.regex(), READ_CLOCK.instant());
            Instant got = stamp == null ? null : stamp.instant();
            if (c.instant() == null) {
                s.unstamped++;
                if (got != null) {
                    s.wrong++;
                    misses.add("WRONG time " + got + " for " + c);
                }
            } else {
                s.stamped++;
                if (c.instant().equals(got)) {
                    s.exact++;
                } else if (got == null) {
                    s.fallback++;
                    misses.add("no time (expected " + c.instant() + ") for " + c);
                } else {
                    s.wrong++;
                    misses.add("WRONG time " + got + " (expected " + c.instant() + ") for " + c);
                }
            }
            String level = levels.extract(c.line(), stamp);
            if (c.level() != null) {
                s.levels++;
                if (c.level().equals(level)) {
                    s.levelRight++;
                } else if (level == null) {
                    s.levelMissing++;
                    misses.add("no level (expected " + c.level() + ") for " + c);
                }
            }
            if (level != null && !level.equals(c.level())) {
                s.levelWrong++;
                misses.add("WRONG level " + level + " (expected " + c.level() + ") for " + c);
            }
        }
        Score total = new Score();
        scores.values().forEach(total::add);
        StringBuilder table = new StringBuilder("\nTimestamp and level corpus (" + cases.size() + " lines)\n");
        table.append(String.format("%-14s %5s %7s %8s %6s %6s %7s %6s %6s%n", "family", "lines", "exact", "fallback",
                "wrong", "no-ts", "levels", "l-miss", "l-wrong"));
        scores.forEach((name, s) -> table.append(s.row(name)).append('\n'));
        table.append(total.row("TOTAL")).append('\n');
        misses.forEach(m -> table.append("  ").append(m).append('\n'));
        System.out.println(table);

        assertThat(total.exact).as("exact instants: %s", table).isGreaterThanOrEqualTo((int) Math.ceil(0.95 * total.stamped));
        assertThat(total.wrong).as("wrong instants: %s", table).isZero();
        assertThat(total.levelRight).as("right levels: %s", table).isGreaterThanOrEqualTo((int) Math.ceil(0.98 * total.levels));
        assertThat(total.levelWrong).as("wrong levels: %s", table).isZero();
        assertThat(scores).as("every family of the issue has lines").hasSizeGreaterThanOrEqualTo(16);
    }
}
