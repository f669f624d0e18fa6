package io.logagent.agent.source;

import io.logagent.core.collect.CollectEntry;

import java.util.List;
import java.util.Map;

/**
 * What the agent should collect now: the merge of its own key and its groups' keys, minus refused entries.
 *
 * @param entries  the entries to run (per-host entries win over group entries with the same id)
 * @param refused  entries left out because their path is outside {@code allow_paths}; shown in the status
 * @param errors   problems to show in the status (an invalid value kept the previous config, a deleted key, etcd
 *                 unreachable at start); empty when all is well
 * @param revision the etcd revision this reflects, 0 when read from the local copy
 * @param origin   where it came from
 * @param keyRevisions per etcd key followed (own key and each group's), the revision of the value in use (an invalid
 *                 value keeps the previous one); empty for the local copy. Lets the console tell which hosts applied
 *                 a group's current revision.
 */
public record DesiredConfig(List<CollectEntry> entries, List<Refused> refused, List<String> errors, long revision,
                            Origin origin, Map<String, Long> keyRevisions) {

    public DesiredConfig {
        entries = List.copyOf(entries);
        refused = List.copyOf(refused);
        errors = List.copyOf(errors);
        keyRevisions = Map.copyOf(keyRevisions);
    }

    /** Without per-key revisions (the local copy, tests). */
    public DesiredConfig(List<CollectEntry> entries, List<Refused> refused, List<String> errors, long revision,
                         Origin origin) {
        this(entries, refused, errors, revision, origin, Map.of());
    }

    public enum Origin { ETCD, LOCAL_COPY }

    public record Refused(CollectEntry entry, String reason) { }

    /** Receives every new desired config, on the config thread, one at a time. */
    public interface Listener {
        void onConfig(DesiredConfig config);
    }
}
