package io.logagent.transfer.patterns;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PatternMinerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<PatternChange> changes = new ArrayList<>();

    private PatternMiner miner(int maxTemplates) {
        return new PatternMiner(new PatternSettings(4, 0.5, 100, maxTemplates, 4096), registry, changes::add);
    }

    @Test
    void masksValuesSoTheFirstLineIsAlreadyTheTemplate() {
        String masked = new TokenMasker().mask("2026-12-02T18:11:19.123Z conn 7f3a9c2e11 from 10.0.0.7:5432 "
                + "id=550e8400-e29b-41d4-a716-446655440000 took 12.5ms file /var/log/app.log HTTP/1.1 sha256");
        assertThat(masked).isEqualTo("<*> conn <*> from <*> id=<*> took <*> file <*> HTTP/<*> sha256");
    }

    @Test
    void generalisesAWordAndLinksTheOldIdToTheNew() {
        PatternMiner miner = miner(100);
        PatternMatch first = miner.match("t", "login ok for user alice from 10.0.0.1");
        PatternMatch second = miner.match("t", "login ok for user bob from 10.0.0.2");
        assertThat(first.template()).isEqualTo("login ok for user alice from <*>");
        assertThat(second.template()).isEqualTo("login ok for user <*> from <*>");
        assertThat(second.id()).isEqualTo(PatternIds.of("t", "login ok for user <*> from <*>"));
        assertThat(changes.getLast().previousId()).isEqualTo(first.id());
        assertThat(miner.match("t", "disk full on /dev/sda1").id()).isNotEqualTo(second.id());
        assertThat(miner.match("other", "login ok for user carol from 10.0.0.3").id())
                .as("per topic").isNotEqualTo(second.id());
    }

    @Test
    void keyValueKeepsTheKey() {
        PatternMiner miner = miner(100);
        miner.match("t", "level=info msg=done user=alice");
        assertThat(miner.match("t", "level=info msg=done user=bob").template())
                .isEqualTo("level=info msg=done user=<*>");
    }

    @Test
    void minesTheFirstLineOfAMultiLineEvent() {
        PatternMatch m = miner(100).match("t", "ERROR request failed\njava.lang.IllegalStateException: boom\n\tat x");
        assertThat(m.template()).isEqualTo("ERROR request failed");
    }

    @Test
    void evictsTheLeastRecentlyMatchedTemplateAndCountsIt() {
        PatternMiner miner = miner(2);
        String a = miner.match("t", "alpha started").id();
        miner.match("t", "beta stopped now");
        miner.match("t", "alpha started");
        miner.match("t", "gamma is a three four"); // evicts beta, the least recently matched
        assertThat(miner.size()).isEqualTo(2);
        assertThat(registry.get("logagent.transfer.patterns.evicted").counter().count()).isEqualTo(1);
        assertThat(miner.match("t", "alpha started").id()).isEqualTo(a);
    }

    @Test
    void aLearntTemplateKeepsItsIdForNewLines() {
        PatternMiner miner = miner(100);
        miner.learn("t", "login ok for user <*> from <*>");
        PatternMatch m = miner.match("t", "login ok for user dave from 10.0.0.9");
        assertThat(m.template()).isEqualTo("login ok for user <*> from <*>");
        assertThat(changes).isEmpty();
    }
}
