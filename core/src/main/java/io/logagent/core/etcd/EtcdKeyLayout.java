package io.logagent.core.etcd;

import io.logagent.core.collect.CanaryKeys;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where everything lives in etcd, declared once for agent, console and transfer: a host's collect config (the
 * seed's {@code collect_log_key} template, {@code %s} = the host IP), a group's collect config ({@code group_key},
 * {@code %s} = the group name) and the agents' leased status keys ({@code status_prefix} + IP).
 *
 * <p>Writers build keys with {@link #hostKey}/{@link #groupKey}; readers that follow a whole prefix (the console's
 * host list, the transfer's topic set) recognise collect-config keys, canary keys included, with {@link #parse}.
 *
 * @param hostKeyTemplate  e.g. {@code /logagent/%s/collect_config} (the seed: {@code /logAgent/%s/collect_config})
 * @param groupKeyTemplate e.g. {@code /logagent/groups/%s/collect_config}
 * @param statusPrefix     e.g. {@code /logagent/status/}
 */
public record EtcdKeyLayout(String hostKeyTemplate, String groupKeyTemplate, String statusPrefix) {

    public static final String DEFAULT_HOST_KEY = "/logagent/%s/collect_config";
    public static final String DEFAULT_GROUP_KEY = "/logagent/groups/%s/collect_config";
    public static final String DEFAULT_STATUS_PREFIX = "/logagent/status/";
    public static final EtcdKeyLayout DEFAULT = new EtcdKeyLayout(DEFAULT_HOST_KEY, DEFAULT_GROUP_KEY,
            DEFAULT_STATUS_PREFIX);
    /**
     * Alert rules ({@code <prefix><name>}, JSON, {@link io.logagent.core.alert.AlertRuleCodec}), the evaluator's
     * state and bounded transition history per rule, and the key the evaluating console holds under its lease.
     * None ends in {@code /collect_config}, so {@link #parse} never takes one for a collect config.
     */
    public static final String ALERT_PREFIX = "/logagent/alerts/";
    public static final String ALERT_STATE_PREFIX = "/logagent/alert-state/";
    public static final String ALERT_HISTORY_PREFIX = "/logagent/alert-history/";
    public static final String ALERT_LEADER_KEY = "/logagent/alert-evaluator";

    /** Host IPs (v4/v6) and group names: no '/' (nor "." or ".."), so a name never looks like another key's. */
    private static final String CANARY = CanaryKeys.prefix("");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** {@code CANARY}: a staged rollout's key below a group key ({@link CanaryKeys}); its name is {@code group/ip}. */
    public enum Kind { HOST, GROUP, CANARY }

    /** A collect-config key, recognised: whose config it is. */
    public record CollectKey(Kind kind, String name) { }

    public EtcdKeyLayout {
        requireTemplate("collect_log_key", hostKeyTemplate);
        requireTemplate("group_key", groupKeyTemplate);
        if (!statusPrefix.startsWith("/") || !statusPrefix.endsWith("/")) {
            throw new IllegalArgumentException("status_prefix must start and end with /: " + statusPrefix);
        }
    }

    /** True for a template the layout accepts: starts with '/', holds exactly one {@code %s}, no other '%'. */
    public static boolean isTemplate(String template) {
        int at = template.indexOf("%s");
        return template.startsWith("/") && at > 0 && template.indexOf('%') == at
                && template.indexOf('%', at + 1) < 0;
    }

    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }

    public String hostKey(String ip) {
        return fill(hostKeyTemplate, ip);
    }

    public String groupKey(String name) {
        return fill(groupKeyTemplate, name);
    }

    public static String alertKey(String rule) {
        return ALERT_PREFIX + rule;
    }

    public String statusKey(String ip) {
        return statusPrefix + ip;
    }

    /** The part of the host template before {@code %s}: every host key starts with it. */
    public String hostPrefix() {
        return hostKeyTemplate.substring(0, hostKeyTemplate.indexOf("%s"));
    }

    public String groupPrefix() {
        return groupKeyTemplate.substring(0, groupKeyTemplate.indexOf("%s"));
    }

    /** The fewest prefixes that cover every host and group key (one when one prefix contains the other). */
    public List<String> collectPrefixes() {
        String h = hostPrefix();
        String g = groupPrefix();
        List<String> prefixes = new ArrayList<>();
        if (g.startsWith(h)) {
            prefixes.add(h);
        } else if (h.startsWith(g)) {
            prefixes.add(g);
        } else {
            prefixes.add(h);
            prefixes.add(g);
        }
        return prefixes;
    }

    /**
     * Whose collect config {@code key} is, if it is one. A group key wins when both templates could match (with
     * the defaults, {@code /logagent/groups/web/collect_config} is never a host: a host name holds no '/').
     */
    public Optional<CollectKey> parse(String key) {
        return match(groupKeyTemplate, key).map(n -> new CollectKey(Kind.GROUP, n))
                .or(() -> match(hostKeyTemplate, key).map(n -> new CollectKey(Kind.HOST, n)))
                .or(() -> canary(key));
    }

    /** {@code <group key>/canary/<ip>}: what the canary hosts of a group run instead of the group key. */
    private Optional<CollectKey> canary(String key) {
        int at = key.lastIndexOf(CANARY);
        if (at < 0) {
            return Optional.empty();
        }
        String groupKey = key.substring(0, at);
        String ip = key.substring(at + CANARY.length());
        return match(groupKeyTemplate, groupKey)
                .filter(group -> isValidName(ip) && CanaryKeys.key(groupKey, ip).equals(key))
                .map(group -> new CollectKey(Kind.CANARY, group + "/" + ip));
    }

    private static Optional<String> match(String template, String key) {
        int at = template.indexOf("%s");
        String prefix = template.substring(0, at);
        String suffix = template.substring(at + 2);
        if (key.length() <= prefix.length() + suffix.length() || !key.startsWith(prefix) || !key.endsWith(suffix)) {
            return Optional.empty();
        }
        String name = key.substring(prefix.length(), key.length() - suffix.length());
        return isValidName(name) ? Optional.of(name) : Optional.empty();
    }

    private static String fill(String template, String name) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("bad host or group name '" + name + "': 1-128 of [A-Za-z0-9._:-]");
        }
        return template.replace("%s", name);
    }

    private static void requireTemplate(String setting, String template) {
        if (!isTemplate(template)) {
            throw new IllegalArgumentException(setting + " must start with / and hold exactly one %s: " + template);
        }
    }
}
