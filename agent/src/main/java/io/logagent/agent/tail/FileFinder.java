package io.logagent.agent.tail;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Lists the regular files an entry's path matches: an exact path, or a glob ({@code *}, {@code ?}, {@code [..]},
 * {@code {a,b}}, and {@code **} for any number of directories, including none). Only the directory tree below the
 * glob's first wildcard segment is walked, and only as deep as the glob can match, so a scan every few hundred
 * milliseconds stays cheap. Symbolic links inside that tree are not followed (no cycles); the base directory may
 * be one.
 */
public final class FileFinder {

    private final Path exact;
    private final Path base;
    private final int maxDepth;
    private final List<PathMatcher> include = new ArrayList<>();
    private final List<PathMatcher> excludePaths = new ArrayList<>();
    private final List<PathMatcher> excludeNames = new ArrayList<>();

    public FileFinder(String pattern, List<String> excludeFiles) {
        var fs = FileSystems.getDefault();
        String[] segments = pattern.split("/");
        int firstWild = -1;
        for (int i = 0; i < segments.length && firstWild < 0; i++) {
            if (isGlob(segments[i])) {
                firstWild = i;
            }
        }
        if (firstWild < 0) {
            exact = Path.of(pattern);
            base = null;
            maxDepth = 0;
        } else {
            exact = null;
            base = Path.of("/" + String.join("/", List.of(segments).subList(1, firstWild)));
            maxDepth = pattern.contains("**") ? Integer.MAX_VALUE : segments.length - firstWild;
            include.add(fs.getPathMatcher("glob:" + pattern));
            if (pattern.contains("/**/")) {
                // Java's ** needs at least one directory between the slashes; logs/**/*.log should match logs/a.log.
                include.add(fs.getPathMatcher("glob:" + pattern.replace("/**/", "/")));
            }
        }
        for (String glob : excludeFiles) {
            (glob.startsWith("/") ? excludePaths : excludeNames).add(fs.getPathMatcher("glob:" + glob));
        }
    }

    /** The matching files now; a missing base directory or file simply matches nothing. */
    public List<Path> find() throws IOException {
        List<Path> found = new ArrayList<>();
        if (exact != null) {
            if (Files.isRegularFile(exact) && !excluded(exact)) {
                found.add(exact);
            }
            return found;
        }
        if (!Files.isDirectory(base)) {
            return found;
        }
        Files.walkFileTree(base, EnumSet.noneOf(FileVisitOption.class), maxDepth, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && matches(file) && !excluded(file)) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // vanished or unreadable while walking: seen again next scan
            }
        });
        return found;
    }

    private boolean matches(Path file) {
        for (PathMatcher m : include) {
            if (m.matches(file)) {
                return true;
            }
        }
        return false;
    }

    private boolean excluded(Path file) {
        for (PathMatcher m : excludePaths) {
            if (m.matches(file)) {
                return true;
            }
        }
        Path name = file.getFileName();
        for (PathMatcher m : excludeNames) {
            if (name != null && m.matches(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isGlob(String segment) {
        return segment.indexOf('*') >= 0 || segment.indexOf('?') >= 0 || segment.indexOf('[') >= 0
                || segment.indexOf('{') >= 0;
    }
}
