package io.logagent.core.etcd;

import io.logagent.core.ini.ConfigException;
import io.logagent.core.ini.IniSchema;
import io.logagent.core.ini.Setting;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code [etcd]} settings every component shares, declared once with the same names, defaults and meaning
 * (the seed's agent ini: {@code address, timeout, collect_log_key}). Only {@code address} and {@code timeout}
 * differ per component (required or not, what waiting means), so they are built by {@link #address} and
 * {@link #timeout}; a component lists the ones it reads in its schema.
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
    public static final Setting<String> USERNAME = Setting.string(SECTION, "username", "",
            "etcd user; empty for none.");
    public static final Setting<String> PASSWORD = Setting.string(SECTION, "password", "",
            "etcd password of username.");
    public static final Setting<String> CA_FILE = Setting.string(SECTION, "ca_file", "",
            "PEM file of the CA that signed etcd's certificate (for https:// endpoints); empty for the JDK's trust.");

    private EtcdSettings() {
    }

    /** @param defaultOrNull null makes the address required */
    public static Setting<String> address(String defaultOrNull, String doc) {
        return Setting.string(SECTION, "address", defaultOrNull, doc);
    }

    public static Setting<Integer> timeout(String doc) {
        return Setting.integer(SECTION, "timeout", 5, 1, 600, doc);
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

    /** How to reach etcd, from {@code address} (comma separated), {@code timeout} and the credentials. */
    public static EtcdConnection connection(IniSchema.Values v, Setting<String> address, Setting<Integer> timeout) {
        String ca = v.get(CA_FILE).strip();
        return new EtcdConnection(endpoints(v.get(address)), Duration.ofSeconds(v.get(timeout)), v.get(USERNAME),
                v.get(PASSWORD), ca.isEmpty() ? null : Path.of(ca));
    }

    /** The seed writes etcd addresses as host:port; jetcd needs a scheme. */
    public static List<URI> endpoints(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(EtcdSettings::endpoint).toList();
    }

    public static URI endpoint(String address) {
        String withScheme = address.contains("://") ? address : "http://" + address;
        try {
            URI uri = URI.create(withScheme);
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new IllegalArgumentException("no host:port");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("[etcd] address: '" + address + "' is not host:port or scheme://host:port", e);
        }
    }

    private static Setting<String> template(String key, String def, String doc) {
        return new Setting<>(SECTION, key, s -> s, def, EtcdKeyLayout::isTemplate,
                "a key starting with / holding exactly one %s", doc);
    }
}
