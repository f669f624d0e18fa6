package io.logagent.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessServerTest {

    @Test
    void aProcessThatDiesEarlyFailsWithTheTailOfItsLog(@TempDir Path dir) {
        try (Scripted server = new Scripted(dir, "echo 'bind: address already in use'; exit 3", false)) {
            assertThatThrownBy(server::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("exited with code 3")
                    .hasMessageContaining("bind: address already in use");
            assertThat(server.isRunning()).isFalse();
        }
    }

    @Test
    void aProcessThatNeverGetsReadyIsKilledAfterTheTimeout(@TempDir Path dir) {
        try (Scripted server = new Scripted(dir, "echo booting; sleep 60", false)) {
            assertThatThrownBy(server::start).hasMessageContaining("not ready within").hasMessageContaining("booting");
            assertThat(server.isRunning()).isFalse();
        }
    }

    @Test
    void stopEndsAProcessThatIgnoresSigterm(@TempDir Path dir) {
        try (Scripted server = new Scripted(dir, "trap '' TERM; while true; do sleep 0.1; done", true)) {
            server.start();
            long pid = server.pid();
            server.stop();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
        }
    }

    @Test
    void runtimeClasspathsStartWithTheModulesOwnLocationAndExist() {
        for (String runtime : List.of("kafka-runtime", "opensearch-runtime")) {
            String[] entries = ChildJvm.classpath(runtime).split(File.pathSeparator);
            assertThat(entries.length).isGreaterThan(20);
            assertThat(entries[0]).contains(runtime);
            assertThat(entries).allMatch(entry -> Files.exists(Path.of(entry)));
        }
        assertThat(ChildJvm.classpath("kafka-runtime")).contains("kafka_2.13-4.4.0.jar").doesNotContain("opensearch");
    }

    /** A child process run by sh, ready when {@code ready} says so. */
    private static final class Scripted extends ChildProcessServer {
        private final String script;
        private final boolean ready;

        Scripted(Path dir, String script, boolean ready) {
            super("scripted", dir, Duration.ofSeconds(2), Duration.ofMillis(500));
            this.script = script;
            this.ready = ready;
        }

        @Override
        protected List<String> command() {
            return List.of("/bin/sh", "-c", script);
        }

        @Override
        protected ReadinessProbe newProbe() {
            return () -> ready;
        }

        @Override
        protected String address() {
            return "nowhere";
        }
    }
}
