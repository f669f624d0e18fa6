package io.logagent.core.etcd;

import io.logagent.core.etcd.EtcdKeyLayout.CollectKey;
import io.logagent.core.etcd.EtcdKeyLayout.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The key layout tested from both sides: every key a writer builds is recognised by a prefix reader, and back. */
class EtcdKeyLayoutTest {

    private static final EtcdKeyLayout SEED = new EtcdKeyLayout("/logAgent/%s/collect_config",
            EtcdKeyLayout.DEFAULT_GROUP_KEY, EtcdKeyLayout.DEFAULT_STATUS_PREFIX);

    @Test
    void buildsTheKeysTheAgentAndTheConsoleUse() {
        EtcdKeyLayout l = EtcdKeyLayout.DEFAULT;
        assertThat(l.hostKey("10.0.0.7")).isEqualTo("/logagent/10.0.0.7/collect_config");
        assertThat(l.groupKey("web")).isEqualTo("/logagent/groups/web/collect_config");
        assertThat(l.statusKey("10.0.0.7")).isEqualTo("/logagent/status/10.0.0.7");
        assertThat(SEED.hostKey("fe80::1")).isEqualTo("/logAgent/fe80::1/collect_config");
    }

    @Test
    void parsesWhatItBuildsAndNothingElseUnderThePrefixes() {
        for (EtcdKeyLayout l : new EtcdKeyLayout[] {EtcdKeyLayout.DEFAULT, SEED}) {
            assertThat(l.parse(l.hostKey("10.0.0.7"))).contains(new CollectKey(Kind.HOST, "10.0.0.7"));
            assertThat(l.parse(l.groupKey("web"))).contains(new CollectKey(Kind.GROUP, "web"));
            assertThat(l.parse(l.statusKey("10.0.0.7"))).isEmpty();
            assertThat(l.parse(l.hostPrefix() + "audit/0001")).isEmpty();
            assertThat(l.parse(l.hostPrefix() + "a/b/collect_config")).isEmpty(); // a name holds no '/'
            assertThat(l.parse(l.hostPrefix() + "/collect_config")).isEmpty();    // nor is it empty
        }
    }

    @Test
    void watchesTheFewestPrefixesThatCoverHostsAndGroups() {
        assertThat(EtcdKeyLayout.DEFAULT.collectPrefixes()).containsExactly("/logagent/");
        assertThat(SEED.collectPrefixes()).containsExactly("/logAgent/", "/logagent/groups/");
        for (EtcdKeyLayout l : new EtcdKeyLayout[] {EtcdKeyLayout.DEFAULT, SEED}) {
            String host = l.hostKey("1.2.3.4");
            String group = l.groupKey("db");
            assertThat(l.collectPrefixes()).anyMatch(host::startsWith).anyMatch(group::startsWith);
        }
    }

    @Test
    void refusesBadTemplatesAndNamesThatWouldLeaveTheirKey() {
        assertThatThrownBy(() -> new EtcdKeyLayout("/no/placeholder", EtcdKeyLayout.DEFAULT_GROUP_KEY, "/s/"))
                .hasMessageContaining("collect_log_key");
        assertThatThrownBy(() -> new EtcdKeyLayout("/%s/%s", EtcdKeyLayout.DEFAULT_GROUP_KEY, "/s/"))
                .hasMessageContaining("collect_log_key");
        assertThatThrownBy(() -> EtcdKeyLayout.DEFAULT.groupKey("../x")).hasMessageContaining("../x");
        assertThat(EtcdKeyLayout.isValidName("10.0.0.1")).isTrue();
        assertThat(EtcdKeyLayout.isValidName("a/b")).isFalse();
        assertThat(EtcdKeyLayout.DEFAULT.parse("/logagent/groups/../collect_config")).isEmpty();
    }
}
