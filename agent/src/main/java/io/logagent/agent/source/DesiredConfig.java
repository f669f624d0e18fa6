package io.logagent.agent.source;

import io.logagent.core.collect.CollectEntry;

import java.util.List;

/**
 * What the agent should collect now: the merge of its own key and its groups' keys, minus refused entries.
 *
 * @param entries  the entries to run (per-host entries win over group entries with the same id)
 * @param refused  entries left out because their path is outside {@code allow_paths}; shown in the status
 * @param errors   problems to show in the status (an invalid value kept the previous config, a deleted key, etcd
 *                 unreachable at start); empty when all is well
 * @param revision the etcd revision this reflects, 0 when read from the local copy
 * @param origin   where it came from
 */
public record DesiredConfig(List<CollectEntry> entries, List<Refused> refused, List<String> errors, long revision,
                            Origin origin) {

    public DesiredConfig {
        entries = List.copyOf(entries);
        refused = List.copyOf(refused);
        errors = List.copyOf(errors);
    }

    public enum Origin { ETCD, LOCAL_COPY }

    public record Refused(CollectEntry entry, String reason) { }

    /** Receives every new desired config, on the config thread, one at a time. */
    public interface Listener {
        void onConfig(DesiredConfig config);
    }
}
