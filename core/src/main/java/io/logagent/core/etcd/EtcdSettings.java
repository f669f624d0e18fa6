package io.logagent.core.etcd;

import io.logagent.core.ini.IniSchema;
import io.logagent.core.ini.Setting;

/**
 * The {@code [etcd]} key layout settings every component shares, declared once with the same names, defaults and
 * meaning (the seed's {@code collect_log_key}); how to reach etcd (address, timeout, credentials, TLS) is
 * {@link EtcdClientSettings}. A component lists the ones it reads in its schema.
 */
public final class EtcdSettings {

    public static final String SECTION = "etcd";

    public static final Setting<String> COLLECT_LOG_KEY = template("collect_log_key", EtcdKeyLayout.DEFAULT_HOST_KEY,
            "Key holding a host's collect config; %s is replaced by the host IP (the seed: /logAgent/%s/collect_config).");
    public static final Setting<String> GROUP_KEY = template("group_key", EtcdKeyLayout.DEFAULT_GROUP_KEY,
            "Key of a group's collect config; %s is replaced by the group name.");
    public static final Setting<String> STATUS_PREFIX = new Setting<>(SECTION, "status_prefix", s -> s,
            EtcdKeyLayout.DEFAULT_STATUS_PREFIX, s -> s.startsWith("/") && s.endsWith("/"),
            "a key prefix starting and ending with /", "Agents write their status at this prefix + IP, under a lease.");

    private EtcdSettings() {
    }

    /**
     * The key layout from {@link #COLLECT_LOG_KEY}, {@link #GROUP_KEY} and {@link #STATUS_PREFIX}; a schema
     * without {@code status_prefix} (the transfer reads no status) gets the default one.
     */
    public static EtcdKeyLayout layout(IniSchema.Values v) {
        String status;
        try {
            status = v.get(STATUS_PREFIX);
        } catch (IllegalArgumentException notInSchema) {
            status = EtcdKeyLayout.DEFAULT_STATUS_PREFIX;
        }
        return new EtcdKeyLayout(v.get(COLLECT_LOG_KEY), v.get(GROUP_KEY), status);
    }

    private static Setting<String> template(String key, String def, String doc) {
        return new Setting<>(SECTION, key, s -> s, def, EtcdKeyLayout::isTemplate,
                "a key starting with / holding exactly one %s", doc);
    }
}
