package io.logagent.console.monitor;

import com.fasterxml.jackson.annotation.JsonValue;
import io.logagent.core.status.StatusReport;

import java.util.List;

/**
 * Where one agent stands with one config key's current revision, from the agent's own report:
 * <ul>
 *   <li>{@code failed}: the agent read that revision and refused it as a whole (invalid); its previous value stays;
 *   <li>{@code partly applied}: it runs that revision, except the entries it refused (outside its allow_paths);
 *   <li>{@code applied}: it runs every entry of that revision;
 *   <li>{@code pending}: it has not reported that revision yet (or it is offline).
 * </ul>
 *
 * @param appliedRevision the revision of this key's value the agent runs (0 = none)
 * @param refused         for partly applied: the entries refused and why
 * @param reason          for failed: why; for pending: what is awaited
 */
public record Rollout(State state, long appliedRevision, List<StatusReport.RefusedEntry> refused, String reason) {

    public enum State {
        PENDING("pending"), APPLIED("applied"), PARTLY_APPLIED("partly applied"), FAILED("failed");

        private final String label;

        State(String label) {
            this.label = label;
        }

        @JsonValue
        public String label() {
            return label;
        }
    }

    public Rollout {
        refused = List.copyOf(refused);
    }

    /** An agent that does not report: nothing is known beyond "not confirmed". */
    static Rollout offline() {
        return new Rollout(State.PENDING, 0, List.of(), "agent offline");
    }

    /**
     * @param revision    the key's mod_revision now
     * @param hostOwnKey  true for the host's own key: agents from before {@code applied_revisions} reported only
     *                    {@code config_revision}, which then stands for it
     */
    static Rollout of(StatusReport status, String key, long revision, boolean hostOwnKey) {
        Long listed = status.appliedRevisions().get(key);
        long applied = listed != null ? listed : hostOwnKey ? status.configRevision() : 0;
        StatusReport.FailedRevision failed = status.failedRevisions().get(key);
        if (failed != null && failed.revision() >= revision) {
            return new Rollout(State.FAILED, applied, List.of(), failed.reason());
        }
        if (applied < revision) {
            return new Rollout(State.PENDING, applied, List.of(), "agent runs revision " + applied + " of " + revision);
        }
        List<StatusReport.RefusedEntry> refused = status.refusedEntries().stream()
                .filter(r -> key.equals(r.key())).toList();
        return refused.isEmpty() ? new Rollout(State.APPLIED, applied, List.of(), null)
                : new Rollout(State.PARTLY_APPLIED, applied, refused, refused.size() + " of the entries refused");
    }
}
