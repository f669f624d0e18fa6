package io.logagent.agent.status;

import io.logagent.agent.tail.CollectorStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the agent says about itself, in etcd under {@code status_prefix + ip} and at {@code /status}. Written as
 * JSON with snake_case names: {@code {host, version, started_at, config_revision, applied_revisions, config_error,
 * entries, updated_at}}.
 *
 * @param appliedRevisions per etcd config key the agent follows (its own and each group's), the revision of the value
 *                         it applied; a group's members are the agents that list the group's key here
 * @param configError      null when the current config applied cleanly, else every problem joined
 * @param entries          one per collect entry, refused ones included (state ERROR with the reason)
 */
public record StatusReport(String host, String version, Instant startedAt, long configRevision,
                           Map<String, Long> appliedRevisions, String configError, List<CollectorStatus> entries,
                           Instant updatedAt) {

    public StatusReport {
        appliedRevisions = Map.copyOf(appliedRevisions);
        entries = List.copyOf(entries);
    }

    /** The report without what changes all the time (offsets, rates, time): a change here is worth a write now. */
    String shape() {
        StringBuilder sb = new StringBuilder().append(configRevision).append(new java.util.TreeMap<>(appliedRevisions))
                .append('|').append(configError);
        for (CollectorStatus e : entries) {
            sb.append('|').append(e.path()).append(e.topic()).append(e.state()).append(e.lastError());
            e.files().forEach(f -> sb.append(',').append(f.fileId()).append(f.state()).append(f.lastError()));
        }
        return sb.toString();
    }
}
