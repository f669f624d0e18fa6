package io.logagent.transfer.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Deletes daily indices whose day is more than {@code retentionDays} before today (UTC). An index's day is the day
 * its documents were ingested ({@link IndexNaming}), so retention counts from arrival whatever old or future
 * {@code @timestamp} the lines carry. Only indices in the
 * all-alias with a {@code -yyyy.MM.dd} suffix are candidates, so nothing the transfer did not create is touched.
 * Runs on the transfer's retention thread; a failed run is logged and the next run tries again.
 */
public final class RetentionTask implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(RetentionTask.class);

    private final SearchHttp http;
    private final ObjectMapper mapper;
    private final IndexNaming naming;
    private final IndexSetup setup;
    private final Clock clock;
    private final int retentionDays;

    public RetentionTask(SearchHttp http, ObjectMapper mapper, IndexNaming naming, IndexSetup setup, Clock clock,
                         int retentionDays) {
        this.http = http;
        this.mapper = mapper;
        this.naming = naming;
        this.setup = setup;
        this.clock = clock;
        this.retentionDays = retentionDays;
    }

    @Override
    public void run() {
        try {
            List<String> deleted = deleteExpired();
            if (!deleted.isEmpty()) {
                log.info("retention ({} days) deleted {}", retentionDays, deleted);
            }
        } catch (IOException | RuntimeException e) {
            // A scheduled task that throws is never run again; this one must survive a cluster outage.
            log.warn("retention run failed, next run will try again: {}", e.toString());
        }
    }

    /** One pass; returns the deleted index names. */
    public List<String> deleteExpired() throws IOException {
        SearchHttp.Response r = http.send("GET", "/_alias/" + naming.allAlias());
        if (r.status() == 404) {
            return List.of();
        }
        if (!r.ok()) {
            throw new IOException("GET /_alias/" + naming.allAlias() + ": HTTP " + r.status() + " " + r.text());
        }
        LocalDate oldestKept = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(retentionDays);
        List<String> deleted = new ArrayList<>();
        JsonNode indices = mapper.readTree(r.body());
        for (Iterator<String> it = indices.fieldNames(); it.hasNext(); ) {
            String index = it.next();
            if (naming.dayOf(index).filter(day -> day.isBefore(oldestKept)).isPresent()) {
                SearchHttp.Response d = http.send("DELETE", "/" + index);
                if (d.ok() || d.status() == 404) {
                    setup.forget(index);
                    deleted.add(index);
                } else {
                    log.warn("cannot delete expired index {}: HTTP {} {}", index, d.status(), d.text());
                }
            }
        }
        return deleted;
    }
}
