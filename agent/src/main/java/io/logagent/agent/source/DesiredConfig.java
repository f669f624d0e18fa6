package io.logagent.agent.source;

import io.logagent.core.collect.CollectEntry;

import java.util.List;
import java.util.Map;

/**
 * What the agent should collect now: the merge of its own key and its groups' keys, minus refused entries.
 *
 * @param entries  the entries to run (per-host entries win over group entries with the same id)
 * @param refused  entries left out because their path is outside {@code allow_paths}; shown in the status (the rest
 *                 of their value is applied: the value is applied in part)
 * @param errors   problems to show in the status (an invalid value kept the previous config, a deleted key, etcd
 *                 unreachable at start); empty when all is well
 * @param revision the etcd revision this reflects, 0 when read from the local copy
 * @param origin   where it came from
 * @param keyRevisions per etcd key followed (own key and each group's), the revision of the value in use (an invalid
 *                 value keeps the previous one); empty for the local copy. Lets the console tell which hosts applied
 *                 a group's current revision.
 * @param failed   per key whose newest value was refused as a whole (invalid), that revision and the reason
 */
public record DesiredConfig(List<CollectEntry> entries, List<Refused> refused, List<String> errors, long revision,
                            Origin origin, Map<String, Long> keyRevisions, Map<String, Failed> failed) {

    public DesiredConfig {
        entries = List.copyOf(entries);
        refused = List.copyOf(refused);
        errors = List.copyOf(errors);
        keyRevisions = Map.copyOf(keyRevisions);
        failed = Map.copyOf(failed);
    }

    public DesiredConfig(List<CollectEntry> entries, List<Refused> refused, List<String> errors, long revision,
                         Origin origin, Map<String, Long> keyRevisions) {
        this(entries, refused, errors, revision, origin, keyRevisions, Map.of());
    }

    /** Without per-key revisions (the local copy, tests). */
    public DesiredConfig(List<CollectEntry> entries, List<Refused> refused, List<String> errors, long revision,
                         Origin origin) {
        this(entries, refused, errors, revision, origin, Map.of());
    }

    public enum Origin { ETCD, LOCAL_COPY }

    /** @param key the etcd key whose value holds the entry; empty for the local copy */
    public record Refused(CollectEntry entry, String key, String reason) { }

    public record Failed(long revision, String reason) { }

    /** Receives every new desired config, on the config thread, one at a time. */
    public interface Listener {
        void onConfig(DesiredConfig config);
    }
}
