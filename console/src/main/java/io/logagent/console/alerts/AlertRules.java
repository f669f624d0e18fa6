package io.logagent.console.alerts;

import io.logagent.console.etcd.EtcdKv;
import io.logagent.console.hosts.AuditLog;
import io.logagent.console.web.ApiError;
import io.logagent.core.alert.AlertRule;
import io.logagent.core.alert.AlertRuleCodec;
import io.logagent.core.alert.AlertRuleException;
import io.logagent.core.etcd.EtcdKeyLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules in etcd ({@code /logagent/alerts/<name>}), read and written like collect configs: validated with core's
 * {@link AlertRuleCodec}, compare-and-swap on the key's revision, the audit record in the same transaction.
 */
public final class AlertRules {

    /** A stored rule: its text and revision, and either the parsed rule or why it cannot be evaluated. */
    public record Stored(String name, String value, long revision, AlertRule rule, List<String> problems) { }

    private final EtcdKv etcd;
    private final AlertRuleCodec codec;
    private final AuditLog audit;
    private final AlertStore store;

    public AlertRules(EtcdKv etcd, AlertRuleCodec codec, AuditLog audit, AlertStore store) {
        this.etcd = etcd;
        this.codec = codec;
        this.audit = audit;
        this.store = store;
    }

    public List<Stored> all() {
        List<Stored> out = new ArrayList<>();
        etcd.list(EtcdKeyLayout.ALERT_PREFIX).forEach((key, v) ->
                out.add(stored(key.substring(EtcdKeyLayout.ALERT_PREFIX.length()), v)));
        return out;
    }

    public Optional<Stored> get(String name) {
        EtcdKv.Versioned v = etcd.get(EtcdKeyLayout.alertKey(checkName(name)));
        return v.modRevision() == 0 ? Optional.empty() : Optional.of(stored(name, v));
    }

    /**
     * @throws ApiError 400 with {@code problems} when invalid, 409 with the current value and revision on conflict
     */
    public Stored put(String name, String value, long expectedRevision, String user) {
        String key = EtcdKeyLayout.alertKey(checkName(name));
        AlertRule rule;
        try {
            rule = codec.parse(name, value);
        } catch (AlertRuleException e) {
            throw new ApiError(400, "the alert rule is not valid", Map.of("problems", e.problems()));
        }
        EtcdKv.Versioned before = etcd.get(key);
        EtcdKv.CasResult r = before.modRevision() != expectedRevision
                ? new EtcdKv.CasResult(false, before.modRevision(), before)
                : etcd.compareAndPut(key, expectedRevision, value,
                        audit.record(user, key, "alert", before.value(), value, expectedRevision));
        if (!r.succeeded()) {
            throw conflict(r, expectedRevision);
        }
        return new Stored(name, value, r.revision(), rule, List.of());
    }

    /** Deletes the rule with its state and history; false when there was no such rule. */
    public boolean delete(String name, long expectedRevision, String user) {
        String key = EtcdKeyLayout.alertKey(checkName(name));
        EtcdKv.Versioned before = etcd.get(key);
        if (before.modRevision() == 0) {
            return false;
        }
        EtcdKv.CasResult r = etcd.compareAndDelete(key, expectedRevision,
                audit.record(user, key, "alert", before.value(), "", expectedRevision), store.keysOf(name));
        if (!r.succeeded()) {
            throw conflict(r, expectedRevision);
        }
        return true;
    }

    private static ApiError conflict(EtcdKv.CasResult r, long expectedRevision) {
        return new ApiError(409, "the rule was changed by someone else (now at revision "
                + r.current().modRevision() + ", you edited revision " + expectedRevision + ")",
                Map.of("value", r.current().value(), "revision", r.current().modRevision()));
    }

    private Stored stored(String name, EtcdKv.Versioned v) {
        try {
            return new Stored(name, v.value(), v.modRevision(), codec.parse(name, v.value()), List.of());
        } catch (AlertRuleException e) {
            return new Stored(name, v.value(), v.modRevision(), null, e.problems());
        }
    }

    private static String checkName(String name) {
        if (!AlertRuleCodec.isValidName(name)) {
            throw new ApiError(400, "bad rule name '" + name + "': 1-100 of [A-Za-z0-9._-], starting with a letter "
                    + "or digit");
        }
        return name;
    }
}
