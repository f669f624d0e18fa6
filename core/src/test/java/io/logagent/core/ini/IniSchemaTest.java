package io.logagent.core.ini;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IniSchemaTest {

    static final Setting<String> ADDRESS = Setting.string("kafka", "address", null, "bootstrap servers");
    static final Setting<Integer> CHAN = Setting.integer("kafka", "chan_max_size", 100_000, 1, 10_000_000, "queue");
    static final Setting<Integer> TIMEOUT = Setting.integer("etcd", "timeout", 5, 1, 600, "seconds");
    static final Setting<String> KEY = Setting.string("etcd", "collect_log_key", "/logagent/%s/collect_config", "key");
    static final IniSchema SCHEMA = new IniSchema(List.of(ADDRESS, CHAN, TIMEOUT, KEY), Set.of("kafka.producer"));

    static final String SEED = """
            [kafka]
            address=127.0.0.1:9092
            chan_max_size=100000
            [etcd]
            address=127.0.0.1:2379
            timeout=5
            collect_log_key=/logAgent/%s/collect_config
            """;

    @Test
    void readsTheSeedIniUnchanged() {
        IniSchema schema = new IniSchema(List.of(ADDRESS, CHAN, TIMEOUT, KEY,
                Setting.string("etcd", "address", null, "etcd")), Set.of());
        IniSchema.Values v = schema.validate(IniFile.parse("config.ini", SEED));
        assertThat(v.get(ADDRESS)).isEqualTo("127.0.0.1:9092");
        assertThat(v.get(CHAN)).isEqualTo(100_000);
        assertThat(v.get(KEY)).isEqualTo("/logAgent/%s/collect_config");
    }

    @Test
    void unknownKeyIsRejectedWithNameAndLine() {
        String ini = "[kafka]\naddress=x\nchan_max_sise=3\n";
        assertThatThrownBy(() -> SCHEMA.validate(IniFile.parse("c.ini", ini)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("c.ini:3")
                .hasMessageContaining("unknown key 'chan_max_sise'")
                .hasMessageContaining("known keys: address, chan_max_size");
    }

    @Test
    void badValueAndMissingRequiredKeyAreBothReported() {
        String ini = "[etcd]\ntimeout=soon\n";
        assertThatThrownBy(() -> SCHEMA.validate(IniFile.parse("c.ini", ini)))
                .hasMessageContaining("c.ini:2: bad value 'soon' for 'timeout'")
                .hasMessageContaining("missing required key 'address' in [kafka]");
    }

    @Test
    void defaultsApplyAndPassThroughSectionsAcceptAnyKey() {
        String ini = "; comment\n[kafka]\naddress = \"h:1\"\n[kafka.producer]\nsecurity.protocol=SSL\n";
        IniSchema.Values v = SCHEMA.validate(IniFile.parse("c.ini", ini));
        assertThat(v.get(ADDRESS)).isEqualTo("h:1");
        assertThat(v.get(TIMEOUT)).isEqualTo(5);
        assertThat(v.isSet(TIMEOUT)).isFalse();
        assertThat(v.passThrough("kafka.producer")).containsEntry("security.protocol", "SSL");
    }

    @Test
    void duplicateKeyAndMalformedLinesAreErrors() {
        assertThatThrownBy(() -> IniFile.parse("c.ini", "[kafka]\naddress=a\naddress=b\n"))
                .hasMessageContaining("c.ini:3").hasMessageContaining("already set on line 2");
        assertThatThrownBy(() -> IniFile.parse("c.ini", "[kafka\n")).hasMessageContaining("malformed section");
        assertThatThrownBy(() -> IniFile.parse("c.ini", "[kafka]\njustaword\n")).hasMessageContaining("expected key=value");
    }
}
