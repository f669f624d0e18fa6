package io.logagent.agent.registry;

/**
 * What the registry keeps per file.
 *
 * @param path              where the file was last seen
 * @param offset            the highest contiguous acknowledged offset: reading resumes exactly here
 * @param lastSeenMillis    when a collector last saw the file; entries not seen for the clean-after time go
 * @param fingerprintLength how many leading bytes the file id's fingerprint covers (up to 1024), so a file found
 *                          after a restart can be checked against the id
 */
public record FileState(String path, long offset, long lastSeenMillis, int fingerprintLength) {
}
