package io.logagent.core.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the agent says about itself, in etcd under {@code status_prefix + ip} and at {@code /status}: the one
 * definition of that document, written by the agent and read by the console through {@link StatusJson}. JSON
 * with snake_case names: {@code {host, version, started_at, config_revision, applied_revisions, config_error,
 * entries, updated_at, allow_paths, refused_entries, failed_revisions}}. Readers ignore fields they do not know,
 * so fields may be added without breaking an older console; a field missing in an older agent reads as empty.
 *
 * @param configRevision   the newest revision seen on any followed key (applied or not)
 * @param appliedRevisions per etcd config key the agent follows (its own and each group's), the revision of the value
 *                         it applied; a group's members are the agents that list the group's key here
 * @param configError      null when the current config applied cleanly, else every problem joined
 * @param entries          one per collect entry, refused ones included (state ERROR with the reason)
 * @param allowPaths       the agent's {@code [agent] allow_paths}: entries outside them are refused one by one
 * @param refusedEntries   entries of an applied value that the agent does not run (outside allow_paths), with the
 *                         key they came from: the value is then applied only in part
 * @param failedRevisions  per key whose newest value was refused as a whole (invalid), that revision and why; the
 *                         key's previous value stays in force ({@code applied_revisions} is behind)
 */
public record StatusReport(String host, String version, Instant startedAt, long configRevision,
                           Map<String, Long> appliedRevisions, String configError, List<CollectorStatus> entries,
                           Instant updatedAt, List<String> allowPaths, List<RefusedEntry> refusedEntries,
                           Map<String, FailedRevision> failedRevisions) {

    public StatusReport {
        appliedRevisions = appliedRevisions == null ? Map.of() : Map.copyOf(appliedRevisions);
        entries = entries == null ? List.of() : List.copyOf(entries);
        allowPaths = allowPaths == null ? List.of() : List.copyOf(allowPaths);
        refusedEntries = refusedEntries == null ? List.of() : List.copyOf(refusedEntries);
        failedRevisions = failedRevisions == null ? Map.of() : Map.copyOf(failedRevisions);
    }

    /** @param key the etcd key whose value holds the entry */
    public record RefusedEntry(String key, String path, String topic, String reason) { }

    public record FailedRevision(long revision, String reason) { }

    /** The report without what changes all the time (offsets, rates, time): a change here is worth a write now. */
    public String shape() {
        StringBuilder sb = new StringBuilder().append(configRevision).append(new java.util.TreeMap<>(appliedRevisions))
                .append('|').append(configError).append('|').append(new java.util.TreeMap<>(failedRevisions))
                .append('|').append(refusedEntries);
        for (CollectorStatus e : entries) {
            sb.append('|').append(e.path()).append(e.topic()).append(e.state()).append(e.lastError());
            e.files().forEach(f -> sb.append(',').append(f.fileId()).append(f.state()).append(f.lastError()));
        }
        return sb.toString();
    }
}
