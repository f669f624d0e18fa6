package io.logagent.agent.tail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FileFinderTest {

    @TempDir
    Path dir;

    private Path touch(String relative) throws Exception {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "x\n");
        return p;
    }

    @Test
    void starMatchesOneDirectoryLevelOnly() throws Exception {
        Path a = touch("a.log");
        touch("a.txt");
        touch("sub/b.log");
        assertThat(new FileFinder(dir + "/*.log", List.of()).find()).containsExactly(a);
    }

    @Test
    void doubleStarMatchesAnyDepthIncludingNone() throws Exception {
        Path a = touch("a.log");
        Path b = touch("x/b.log");
        Path c = touch("x/y/z/c.log");
        touch("x/y/c.txt");
        assertThat(new FileFinder(dir + "/**/*.log", List.of()).find()).containsExactlyInAnyOrder(a, b, c);
    }

    @Test
    void questionMarkAndWildcardDirectory() throws Exception {
        Path a = touch("app1/out.log");
        touch("app12/out.log");
        assertThat(new FileFinder(dir + "/app?/out.log", List.of()).find()).containsExactly(a);
    }

    @Test
    void excludeFilesByNameOrByPath() throws Exception {
        Path a = touch("a.log");
        touch("debug.log");
        touch("old/b.log");
        Path c = touch("new/c.log");
        assertThat(new FileFinder(dir + "/**/*.log", List.of("debug*", dir + "/old/*")).find())
                .containsExactlyInAnyOrder(a, c);
    }

    @Test
    void exactPathMatchesOnlyWhenItExists() throws Exception {
        FileFinder finder = new FileFinder(dir + "/later.log", List.of());
        assertThat(finder.find()).isEmpty();
        Path p = touch("later.log");
        assertThat(finder.find()).containsExactly(p);
        assertThat(new FileFinder(dir + "/missing/*.log", List.of()).find()).isEmpty();
    }
}
