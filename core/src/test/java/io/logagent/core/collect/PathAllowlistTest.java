package io.logagent.core.collect;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PathAllowlistTest {
    private final PathAllowlist allow = new PathAllowlist(List.of("/var/log/**", "/srv/app/*.log"));

    @Test
    void allowsPathsAndGlobsInsideTheList() {
        assertThat(allow.check("/var/log/syslog")).isEmpty();
        assertThat(allow.check("/var/log/nginx/*.log")).isEmpty();
        assertThat(allow.check("/var/log/**/*.log")).isEmpty();
        assertThat(allow.check("/srv/app/web.log")).isEmpty();
    }

    @Test
    void refusesPathsOutsideEvenThroughDotDotOrWiderGlobs() {
        assertThat(allow.check("/etc/shadow")).hasValueSatisfying(r -> assertThat(r).contains("outside"));
        assertThat(allow.check("/var/log/../../etc/shadow")).isPresent();
        assertThat(allow.check("/var/**")).isPresent();
        assertThat(allow.check("/var/log*/x")).isPresent();
        assertThat(allow.check("/srv/app/sub/web.log")).isPresent();
        assertThat(allow.check("/var/log/{a,/etc/shadow}")).isPresent();
    }

    @Test
    void aFileIsJudgedByItsRealPath() {
        assertThat(allow.checkRealFile(java.nio.file.Path.of("/var/log/app.log"), java.nio.file.Path.of("/var/log/app.log")))
                .isEmpty();
        assertThat(allow.checkRealFile(java.nio.file.Path.of("/var/log/evil.log"), java.nio.file.Path.of("/etc/shadow")))
                .hasValueSatisfying(r -> assertThat(r).contains("/var/log/evil.log", "resolves to /etc/shadow", "outside"));
    }
}
