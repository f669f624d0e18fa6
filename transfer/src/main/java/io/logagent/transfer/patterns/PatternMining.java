package io.logagent.transfer.patterns;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logagent.transfer.index.SearchHttp;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;

/**
 * Patterns as the transfer runs them: a miner seeded from the store, whose changes go to the store. The miner
 * belongs to the consume loop's thread; the store's writer thread starts with {@link PatternStore#start} (the
 * transfer calls it once it owns the store's closing).
 */
public record PatternMining(PatternMiner miner, PatternStore store) {

    public static PatternMining load(PatternSettings settings, SearchHttp http, ObjectMapper mapper, String alias,
                                      Clock clock, MeterRegistry registry) {
        PatternStore store = new PatternStore(http, mapper, alias, clock, registry);
        PatternMiner miner = new PatternMiner(settings, registry, store::offer);
        store.loadInto(miner, settings.maxTemplates());
        return new PatternMining(miner, store);
    }
}
