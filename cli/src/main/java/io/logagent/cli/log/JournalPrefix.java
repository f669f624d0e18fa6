package io.logagent.cli.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * {@code %journal} in logback.xml: under systemd (stderr connected to the journal, which systemd announces with
 * {@code JOURNAL_STREAM}) the syslog priority prefix {@code <3>}…{@code <7>}, so {@code journalctl -p warning}
 * filters by level and the journal's own timestamp is the only one; elsewhere (a terminal, a file) the time of day.
 */
public final class JournalPrefix extends ClassicConverter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS ")
            .withZone(ZoneId.systemDefault());

    private boolean journal;

    @Override
    public void start() {
        journal = underJournal(System.getenv("JOURNAL_STREAM"));
        super.start();
    }

    static boolean underJournal(String journalStream) {
        return journalStream != null && !journalStream.isBlank();
    }

    @Override
    public String convert(ILoggingEvent event) {
        return journal ? "<" + priority(event.getLevel()) + ">" : TIME.format(Instant.ofEpochMilli(event.getTimeStamp()));
    }

    /** syslog(3) priorities: err, warning, info, debug. */
    static int priority(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> 3;
            case Level.WARN_INT -> 4;
            case Level.INFO_INT -> 6;
            default -> 7;
        };
    }
}
