package io.logagent.console.monitor.series;

import io.logagent.console.search.SearchBackend;

import java.time.Instant;
import java.util.OptionalDouble;

/**
 * Documents per second indexed into the console's index alias, from the search engine's own counter
 * ({@code _stats/indexing}: {@code primaries.indexing.index_total}, so replicas do not count twice).
 */
public final class IndexedDocsProbe implements Probe {

    private final SearchBackend search;
    private final String alias;
    private final CounterRate rate = new CounterRate();

    public IndexedDocsProbe(SearchBackend search, String alias) {
        this.search = search;
        this.alias = alias;
    }

    @Override
    public OptionalDouble sample(Instant now) {
        double total = search.get("/" + alias + "/_stats/indexing?ignore_unavailable=true&allow_no_indices=true")
                .path("_all").path("primaries").path("indexing").path("index_total").asDouble(0);
        return rate.next(now, total);
    }
}
