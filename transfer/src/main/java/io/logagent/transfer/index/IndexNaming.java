package io.logagent.transfer.index;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a topic's documents go. Daily indices {@code <topic>-yyyy.MM.dd} (the day the transfer's input was read,
 * UTC: ingestion day, not the day of {@code @timestamp}, so old or far-future lines never create one index per day
 * they mention) make retention a cheap index delete; the alias {@code <topic>} spans one topic's days and the all-alias
 * (default {@code logagent}) spans everything the transfer wrote, which is what the console searches.
 * Index names must be lower case and may not start with {@code _ - +}: topic names are folded accordingly.
 */
public final class IndexNaming {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final String allAlias;

    public IndexNaming(String allAlias) {
        this.allAlias = allAlias;
    }

    public String allAlias() {
        return allAlias;
    }

    public String topicAlias(String topic) {
        String name = topic.toLowerCase(Locale.ROOT).replaceFirst("^[_+-]+", "");
        return name.isEmpty() ? "topic" : name;
    }

    /** @param readTime when the line was read (ingested), never the line's own time */
    public String dailyIndex(String topic, Instant readTime) {
        return topicAlias(topic) + "-" + DAY.format(readTime);
    }

    /** The day of a daily index name, if it is one. */
    public Optional<LocalDate> dayOf(String index) {
        int dash = index.lastIndexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(index.substring(dash + 1), DateTimeFormatter.ofPattern("yyyy.MM.dd")));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
