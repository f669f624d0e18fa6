package io.logagent.core.status;

import java.util.List;

/**
 * What one collector reports: the entry's state and each file's progress. Published in the agent's status
 * (etcd under a lease, and {@code /status}).
 *
 * @param state     RUNNING, WAITING (no matching file yet), ERROR or STOPPED
 * @param lastError the last error message, or null
 */
public record CollectorStatus(String path, String topic, State state, String lastError, List<FileStatus> files) {

    public CollectorStatus {
        files = files == null ? List.of() : List.copyOf(files);
    }

    public enum State { RUNNING, WAITING, ERROR, STOPPED }

    /**
     * @param offset      the acknowledged offset (what the registry holds)
     * @param size        the file's size at the last look
     * @param linesPerSec lines shipped per second, recent average
     */
    public record FileStatus(String path, String fileId, String state, long offset, long size, double linesPerSec,
                             long linesSent, long linesTruncated, long truncations, String lastError) {
        public long bytesBehind() {
            return Math.max(0, size - offset);
        }
    }
}
