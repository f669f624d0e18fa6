package io.logagent.core.search;

import io.logagent.core.ini.ConfigException;
import io.logagent.core.ini.IniFile;
import io.logagent.core.ini.IniSchema;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchClientSettingsTest {
    private static final IniSchema SCHEMA = new IniSchema(SearchClientSettings.ALL, Set.of());

    private static SearchClientOptions parse(String ini) {
        return SearchClientSettings.options(SCHEMA.validate(IniFile.parse("t.ini", ini)), "t.ini");
    }

    @Test
    void mapsEveryKey() {
        SearchClientOptions o = parse("""
                [es]
                address=https://a:9200/, b:9201
                username=transfer
                password=s3cret
                ca_file=/etc/logagent/ca.pem
                """);
        assertThat(o.addresses()).containsExactly(URI.create("https://a:9200"), URI.create("http://b:9201"));
        assertThat(o.caFile()).contains(Path.of("/etc/logagent/ca.pem"));
        assertThat(o.insecureSkipVerify()).isFalse();
        assertThat(o.authorization()).hasValue("Basic " + Base64.getEncoder().encodeToString("transfer:s3cret".getBytes()));
        assertThat(o.toString()).contains("transfer").doesNotContain("s3cret");
    }

    @Test
    void defaultsAreTheSeedsPlainLocalCluster() {
        SearchClientOptions o = parse("[es]\n");
        assertThat(o.addresses()).containsExactly(URI.create("http://127.0.0.1:9200"));
        assertThat(o.authorization()).isEmpty();
        assertThat(o.caFile()).isEmpty();
    }

    @Test
    void insecureSkipVerifyWarnsAndConflictsWithCaFile() {
        SearchClientOptions o = parse("[es]\naddress=https://a:9200\ninsecure_skip_verify=true\n");
        assertThat(o.insecureSkipVerify()).isTrue();
        assertThat(o.sslContext(LoggerFactory.getLogger("test"), "transfer")).isNotNull();
        assertThatThrownBy(() -> parse("[es]\nca_file=/x.pem\ninsecure_skip_verify=true\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("[es] insecure_skip_verify");
    }

    @Test
    void refusesBadValuesNamingTheSetting() {
        assertThatThrownBy(() -> parse("[es]\naddress=ftp://x\n")).hasMessageContaining("[es] address 'ftp://x'");
        assertThatThrownBy(() -> parse("[es]\npassword=p\n")).hasMessageContaining("[es] username is empty");
        SearchClientOptions missingCa = new SearchClientOptions(List.of(URI.create("https://a")), "", "",
                Optional.of(Path.of("/nonexistent/ca.pem")), false);
        assertThatThrownBy(() -> missingCa.sslContext(LoggerFactory.getLogger("test"), "console"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("[es] ca_file /nonexistent/ca.pem");
    }
}
