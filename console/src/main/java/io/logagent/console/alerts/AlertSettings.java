package io.logagent.console.alerts;

import io.logagent.core.ini.ConfigException;
import io.logagent.core.ini.IniSchema;
import io.logagent.core.ini.Setting;

import java.time.Duration;
import java.util.List;

/** The {@code [alerts]} settings of the console: how often rules are evaluated, the evaluator's lease, SMTP. */
public final class AlertSettings {

    public static final Setting<Boolean> ENABLED = Setting.bool("alerts", "enabled", true,
            "evaluate alert rules in this console (with several consoles, exactly one evaluates at a time)");
    public static final Setting<Integer> INTERVAL = Setting.integer("alerts", "interval_seconds", 10, 1, 15,
            "how often the evaluating console evaluates every rule");
    public static final Setting<Integer> LEASE = Setting.integer("alerts", "lease_seconds", 10, 2, 20,
            "etcd lease of the evaluating console: another console takes over at most this plus interval_seconds "
                    + "after it dies (the sum must stay within 30)");
    public static final Setting<Integer> HISTORY = Setting.integer("alerts", "history_max", 100, 1, 10_000,
            "transitions kept per rule (etcd); the oldest is deleted beyond it");
    public static final Setting<Integer> MAX_ATTEMPTS = Setting.integer("alerts", "max_attempts", 8, 1, 100,
            "delivery attempts per notification and target (backoff 5 s doubling to 5 min) before it is given up "
                    + "and shown as failed");
    public static final Setting<String> CONSOLE_URL = Setting.string("alerts", "console_url", "",
            "base URL of the console for links in notifications; empty = http(s)://<[http] bind>:<port>");
    public static final Setting<String> SMTP_HOST = Setting.string("alerts", "smtp_host", "",
            "SMTP server for email notifications; empty = email targets fail with this hint");
    public static final Setting<Integer> SMTP_PORT = Setting.integer("alerts", "smtp_port", 587, 1, 65_535,
            "SMTP port");
    public static final Setting<String> FROM = Setting.string("alerts", "from", "logagent@localhost",
            "sender address of alert emails");
    public static final Setting<String> USERNAME = Setting.string("alerts", "username", "",
            "SMTP user; empty = no authentication");
    public static final Setting<String> PASSWORD = Setting.string("alerts", "password", "", "SMTP password");
    public static final Setting<Boolean> STARTTLS = Setting.bool("alerts", "starttls", true,
            "require STARTTLS before authenticating and sending");

    public static final List<Setting<?>> ALL = List.of(ENABLED, INTERVAL, LEASE, HISTORY, MAX_ATTEMPTS, CONSOLE_URL,
            SMTP_HOST, SMTP_PORT, FROM, USERNAME, PASSWORD, STARTTLS);

    /** SMTP connection; {@code host} empty = email off. */
    public record Smtp(String host, int port, String from, String username, String password, boolean starttls) { }

    public record Values(boolean enabled, Duration interval, Duration lease, int historyMax, int maxAttempts,
                         String consoleUrl, Smtp smtp) { }

    private AlertSettings() {
    }

    public static Values from(IniSchema.Values v, String source) {
        int interval = v.get(INTERVAL);
        int lease = v.get(LEASE);
        if (interval + lease > 30) {
            throw new ConfigException(source + ": " + INTERVAL.qualifiedName() + " (" + interval + ") + "
                    + LEASE.qualifiedName() + " (" + lease + ") must be at most 30 s, the takeover bound");
        }
        return new Values(v.get(ENABLED), Duration.ofSeconds(interval), Duration.ofSeconds(lease), v.get(HISTORY),
                v.get(MAX_ATTEMPTS), v.get(CONSOLE_URL).strip().replaceAll("/+$", ""),
                new Smtp(v.get(SMTP_HOST).strip(), v.get(SMTP_PORT), v.get(FROM), v.get(USERNAME), v.get(PASSWORD),
                        v.get(STARTTLS)));
    }
}
