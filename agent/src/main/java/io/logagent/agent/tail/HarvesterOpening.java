package io.logagent.agent.tail;

import io.logagent.agent.registry.FileState;
import io.logagent.core.collect.CollectEntry.StartPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Where reading a file a scan found starts. A file known to the registry (same dev:inode and fingerprint, offset
 * within its size) resumes at its acknowledged offset; a known copy stays a copy; any other starts at 0, except at
 * the agent's very first start, where files already there when the collector first looks start at their end unless
 * the entry says {@code from: beginning}. A generation of this inode that the registry has but the file no longer
 * holds (truncated while the agent was down) is read to its end from its copy first, when one is next to it.
 */
final class HarvesterOpening {

    private static final Logger log = LoggerFactory.getLogger(HarvesterOpening.class);

    private HarvesterOpening() {
    }

    static Harvester open(CollectorContext ctx, Path path, Path realPath, FileKey key, boolean initialScan)
            throws IOException {
        FileChannel ch = FileChannel.open(realPath, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        try {
            return open(ctx, path, key, ch, initialScan);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static Harvester open(CollectorContext ctx, Path path, FileKey key, FileChannel ch, boolean initialScan)
            throws IOException {
        long size = ch.size();
        String resumeId = null;
        FileState resume = null;
        String endedId = null;
        FileState ended = null;
        for (Map.Entry<String, FileState> known : ctx.registry().findByInode(key.devInode()).entrySet()) {
            String id = known.getKey();
            FileState s = known.getValue();
            String fp = s.fingerprintLength() > 0 && size >= s.fingerprintLength()
                    ? FileKey.fingerprint(ch, s.fingerprintLength()) : null;
            if (resume == null && fp != null && id.equals(key.fileId(fp))
                    && (s.copyOf() != null || s.offset() <= size)) {
                resumeId = id;
                resume = s;
            } else if (s.copyOf() == null && s.checkpoint() != null
                    && (ended == null || s.lastSeenMillis() > ended.lastSeenMillis())) {
                if (ended != null) {
                    ctx.registry().remove(endedId);
                }
                endedId = id;
                ended = s;
            } else {
                ctx.registry().remove(id); // the inode now belongs to a different file
            }
        }
        if (resume != null && resume.copyOf() != null) {
            if (ended != null) {
                ctx.registry().remove(endedId);
            }
            Harvester h = new Harvester(ctx, path, key, ch, resume.offset(), false);
            h.resumeAsCopy(resumeId);
            log.info("{} ({}) is a copytruncate copy of {}: not read", path, resumeId, resume.copyOf());
            return h;
        }
        boolean atEnd = resume == null && initialScan && ctx.registry().firstStart()
                && ctx.entry().from() == StartPosition.END;
        long start = resume != null ? resume.offset() : atEnd ? size : 0;
        Harvester h = new Harvester(ctx, path, key, ch, start, resume == null && !atEnd);
        Generation next = resume == null ? null : generation(ctx, h, resumeId, resume);
        if (ended != null && rescued(ctx, h, endedId, ended, next, start)) {
            return h;
        }
        if (next != null) {
            h.resume(next);
            log.info("resuming {} ({}) at offset {} of {}", path, resumeId, start, size);
        } else {
            log.info("reading {} from {} (size {})", path, atEnd ? "its end" : "the beginning", size);
        }
        return h;
    }

    /** The registry's generation that ended while the agent was down: read its rest from its copy, if there is one. */
    private static boolean rescued(CollectorContext ctx, Harvester h, String endedId, FileState ended,
                                   Generation next, long nextOffset) throws IOException {
        Generation old = generation(ctx, h, endedId, ended);
        ctx.copies().ended(old, ctx.clock().millis());
        CopyFinder.Copy copy = CopyFinder.restOf(ctx, h.path(), h.key(), old, ended.offset());
        if (copy != null) {
            h.rescueFirst(old, ended.offset(), copy, next, nextOffset);
            return true;
        }
        ctx.registry().remove(endedId);
        log.info("{} no longer holds {} (truncated while the agent was down, or its inode reused); no copy of it"
                + " holds more than offset {}", h.path(), endedId, ended.offset());
        return false;
    }

    private static Generation generation(CollectorContext ctx, Harvester h, String fileId, FileState s) {
        return new Generation(ctx.registry(), fileId, FileKey.fingerprintOf(fileId), s.fingerprintLength(),
                s.offset(), s.checkpoint(), () -> h.path().toString());
    }
}
