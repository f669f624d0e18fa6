package io.logagent.agent.tail;

import io.logagent.core.status.CollectorStatus;

import io.logagent.core.collect.PathAllowlist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The tail engine checks the real path of every file it opens against allow_paths. */
class SymlinkTest extends TailFixture {

    @TempDir
    Path outside;

    @Test
    void aSymlinkToAFileOutsideTheAllowlistIsNotOpenedAndTheEntryShowsWhy() throws Exception {
        allowlist = new PathAllowlist(List.of(logs + "/**"));
        Path secret = Files.writeString(outside.resolve("shadow"), "root:secret\n");
        Files.createSymbolicLink(logs.resolve("evil.log"), secret);
        Path real = Files.writeString(logs.resolve("real.log"), "fine\n");
        Files.createSymbolicLink(logs.resolve("good.log"), real);

        FileCollector evil = start(entry(logs.resolve("evil.log").toString()));
        FileCollector good = start(entry(logs.resolve("good.log").toString()));
        await().atMost(WAIT).until(() -> sink.lines().contains("fine"));
        await().atMost(WAIT).until(() -> evil.status().state() == CollectorStatus.State.ERROR);

        assertThat(evil.status().lastError()).contains("resolves to " + secret, "outside [agent] allow_paths");
        assertThat(evil.status().files()).isEmpty();
        assertThat(sink.lines()).containsExactly("fine");
        assertThat(good.status().state()).isEqualTo(CollectorStatus.State.RUNNING);
    }
}
