package io.logagent.agent.registry;

/**
 * What the registry keeps per file. Fields added later are null in a registry written before them, which
 * still loads: a file without checkpoint is recognised by its fingerprint only, as before.
 *
 * @param path              where the file was last seen
 * @param offset            the highest contiguous acknowledged offset: reading resumes exactly here
 * @param lastSeenMillis    when a collector last saw the file; entries not seen for the clean-after time go
 * @param fingerprintLength how many leading bytes the file id's fingerprint covers ({@code [tail]
 *                          fingerprint_bytes} at most), so a file found after a restart can be checked against the id
 * @param checkpoint        the content at or before {@code offset}: a copytruncate copy found after a restart is
 *                          recognised by it, and its unacknowledged rest read from there; null in old registries
 * @param copyOf            for a file that is a copytruncate copy, the file id of the original (its lines were read
 *                          from that one, so this file is never read); null for any other file
 */
public record FileState(String path, long offset, long lastSeenMillis, int fingerprintLength, ContentCheck checkpoint,
                        String copyOf) {

    FileState touched(long now) {
        return new FileState(path, offset, now, fingerprintLength, checkpoint, copyOf);
    }
}
