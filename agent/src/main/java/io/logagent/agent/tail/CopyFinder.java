package io.logagent.agent.tail;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Finds the copy that copytruncate made of a generation that just ended: a file next to the original (logrotate
 * copies into the same directory) with the generation's content up to the read offset. Whether the entry's path
 * matches the copy or not: with {@code app.log} alone it is the only place the lines between the agent's last read
 * and the copy are left.
 *
 * <p>Runs once per truncation, on the collector thread: one listing of the directory and, for files at least
 * that long, one fingerprint read each.
 */
final class CopyFinder {

    /** A copy found, open for reading; the caller owns the channel. */
    record Copy(Path path, FileKey key, FileChannel channel, long size) {
    }

    private CopyFinder() {
    }

    /**
     * The copy of the ended generation {@code g} of {@code file} with more than {@code from} bytes, to read the rest
     * from, or null. A copy found is recorded in the registry as one (also when there is nothing to read from it),
     * so that neither this agent nor the next start reads it as a file of its own.
     */
    static Copy restOf(CollectorContext ctx, Path file, FileKey key, Generation g, long from) throws IOException {
        Copy copy = find(file.toAbsolutePath().getParent(), key, g, from);
        if (copy == null) {
            return null;
        }
        ctx.registry().update(copy.key().fileId(g.fingerprint()), copy.path().toString(), copy.size(),
                g.fingerprintLength(), null, g.fileId());
        if (copy.size() > from) {
            return copy;
        }
        copy.channel().close();
        return null;
    }

    /** The largest file in {@code dir} (other than {@code original}) holding {@code g}'s content up to {@code from}. */
    static Copy find(Path dir, FileKey original, Generation g, long from) throws IOException {
        Copy best = null;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                Copy c = candidate(p, original, g, from);
                if (c != null && (best == null || c.size() > best.size())) {
                    if (best != null) {
                        best.channel().close();
                    }
                    best = c;
                } else if (c != null) {
                    c.channel().close();
                }
            }
        }
        return best;
    }

    private static Copy candidate(Path p, FileKey original, Generation g, long from) {
        try {
            if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.size(p) < from) {
                return null;
            }
            FileKey key = FileKey.of(p);
            if (key.equals(original)) {
                return null;
            }
            FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            boolean kept = false;
            try {
                long size = ch.size();
                kept = size >= from && g.matchingCheck(ch, size, from) != null;
                return kept ? new Copy(p, key, ch, size) : null;
            } finally {
                if (!kept) {
                    ch.close();
                }
            }
        } catch (IOException e) {
            return null; // gone or unreadable: not a copy this agent can read
        }
    }
}
