package io.logagent.agent.registry;

import java.util.Map;
import java.util.Optional;

/**
 * One collect entry's part of the {@link Registry}: what its collector reads and updates. Other entries reading the
 * same files have their own offsets and never move this entry's. Thread-safe like the registry.
 */
public final class EntryRegistry {
    private final Registry registry;
    private final String entryId;

    EntryRegistry(Registry registry, String entryId) {
        this.registry = registry;
        this.entryId = entryId;
    }

    public String entryId() {
        return entryId;
    }

    /** True when no registry existed: the agent has never run with this data directory. */
    public boolean firstStart() {
        return registry.firstStart();
    }

    public Optional<FileState> get(String fileId) {
        return registry.get(entryId, fileId);
    }

    /** This entry's files whose id starts with {@code dev:inode:}, by file id. */
    public Map<String, FileState> findByInode(String devInode) {
        return registry.findByInode(entryId, devInode);
    }

    /** This entry's files, by file id. */
    public Map<String, FileState> files() {
        return registry.entryFiles(entryId);
    }

    public void update(String fileId, String path, long offset, int fingerprintLength) {
        registry.update(entryId, fileId, path, offset, fingerprintLength, null, null);
    }

    /** @param copyOf the original's file id when this file is a copytruncate copy, else null */
    public void update(String fileId, String path, long offset, int fingerprintLength, ContentCheck checkpoint,
                       String copyOf) {
        registry.update(entryId, fileId, path, offset, fingerprintLength, checkpoint, copyOf);
    }

    public void touch(String fileId) {
        registry.touch(entryId, fileId);
    }

    public void remove(String fileId) {
        registry.remove(entryId, fileId);
    }
}
