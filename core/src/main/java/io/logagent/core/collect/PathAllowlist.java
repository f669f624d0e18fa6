package io.logagent.core.collect;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Optional;

/**
 * The local limit on what etcd may ask this agent to read ({@code [agent] allow_paths}): whoever can write the
 * collect config must not be able to ship {@code /etc/shadow}. An entry's path (itself possibly a glob) is allowed
 * when, with {@code ..} resolved, it lies inside one of the allowed globs; {@code /var/log/**} allows
 * {@code /var/log/app/*.log} but not {@code /var/log/../../etc/shadow} nor {@code /var/**}.
 */
public final class PathAllowlist {
    private final List<String> globs;
    private final List<PathMatcher> matchers;

    public PathAllowlist(List<String> globs) {
        this.globs = List.copyOf(globs);
        this.matchers = globs.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
    }

    /** Empty when allowed, else the reason to show in the status. */
    public Optional<String> check(String entryPath) {
        // Brace alternatives could name a second, unrelated tree ({a,/etc/shadow}); refusing them keeps the check sound.
        if (entryPath.indexOf('{') >= 0 || entryPath.indexOf('}') >= 0) {
            return Optional.of("path '" + entryPath + "' uses {…} alternatives, which allow_paths cannot vouch for");
        }
        Path normalized = Path.of(entryPath).normalize();
        if (matchers.stream().anyMatch(m -> m.matches(normalized))) {
            return Optional.empty();
        }
        return Optional.of("path '" + entryPath + "' is outside [agent] allow_paths " + globs);
    }

    /**
     * Empty when a file about to be opened is allowed by where it really is ({@link Path#toRealPath()}: symlinks
     * resolved), else the reason. An entry's path inside the allowlist says nothing about a symlink found there,
     * which may point at {@code /etc/shadow}; so the tail engine checks every file it opens with this too.
     * The allowlist's own directories must therefore be named by their real paths.
     */
    public Optional<String> checkRealFile(Path path, Path realPath) {
        if (matchers.stream().anyMatch(m -> m.matches(realPath))) {
            return Optional.empty();
        }
        return Optional.of("refusing " + path + ": it resolves to " + realPath + ", outside [agent] allow_paths "
                + globs);
    }
}
