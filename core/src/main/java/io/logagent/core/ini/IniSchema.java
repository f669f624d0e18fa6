package io.logagent.core.ini;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The set of settings one component accepts. {@link #validate(IniFile)} rejects unknown keys with their name and
 * line, so a typo never silently falls back to a default. Sections listed as pass-through (for example
 * {@code [kafka.producer]}) accept any key; their values go to a client library unchanged.
 */
public final class IniSchema {

    private final Map<String, Setting<?>> settings = new LinkedHashMap<>();
    private final Set<String> passThroughSections;

    public IniSchema(List<Setting<?>> settings, Set<String> passThroughSections) {
        for (Setting<?> s : settings) {
            if (this.settings.put(s.section() + "." + s.key(), s) != null) {
                throw new IllegalArgumentException("setting declared twice: " + s.qualifiedName());
            }
        }
        this.passThroughSections = Set.copyOf(passThroughSections);
    }

    /** Checks every key and value of {@code ini}; returns the typed view or throws with every problem listed. */
    public Values validate(IniFile ini) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map<String, IniFile.Entry> section : ini.sections().values()) {
            for (IniFile.Entry e : section.values()) {
                if (passThroughSections.contains(e.section())) {
                    continue;
                }
                Setting<?> s = settings.get(e.section() + "." + e.key());
                if (s == null) {
                    problems.add(ini.source() + ":" + e.line() + ": unknown key '" + e.key() + "' in [" + e.section()
                            + "]" + knownKeysHint(e.section()));
                }
            }
        }
        for (Setting<?> s : settings.values()) {
            IniFile.Entry e = ini.section(s.section()).get(s.key());
            String raw = e != null ? e.value() : s.defaultValue();
            String where = e != null ? ini.source() + ":" + e.line() + ": " : ini.source() + ": ";
            if (raw == null) {
                problems.add(where + "missing required key '" + s.key() + "' in [" + s.section() + "] (" + s.doc() + ")");
                continue;
            }
            try {
                values.put(s.section() + "." + s.key(), parse(s, raw));
            } catch (RuntimeException ex) {
                problems.add(where + "bad value '" + raw + "' for '" + s.key() + "' in [" + s.section()
                        + "]: expected " + s.validRange());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("\n", problems));
        }
        return new Values(values, ini);
    }

    private static <T> T parse(Setting<T> s, String raw) {
        T value = s.parser().apply(raw.strip());
        if (!s.validator().test(value)) {
            throw new IllegalArgumentException("invalid");
        }
        return value;
    }

    private String knownKeysHint(String section) {
        List<String> keys = settings.values().stream().filter(s -> s.section().equals(section)).map(Setting::key).toList();
        return keys.isEmpty() ? " (no such section)" : " (known keys: " + String.join(", ", keys) + ")";
    }

    /** Documentation of every setting, for {@code --help} and the README. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        String section = null;
        for (Setting<?> s : settings.values()) {
            if (!s.section().equals(section)) {
                section = s.section();
                sb.append('[').append(section).append("]\n");
            }
            sb.append("  ").append(s.key()).append(" = ").append(s.required() ? "(required)" : s.defaultValue())
                    .append("   ").append(s.doc()).append('\n');
        }
        return sb.toString();
    }

    /** Typed, validated values. */
    public static final class Values {
        private final Map<String, Object> values;
        private final IniFile ini;

        Values(Map<String, Object> values, IniFile ini) {
            this.values = values;
            this.ini = ini;
        }

        @SuppressWarnings("unchecked")
        public <T> T get(Setting<T> s) {
            Object v = values.get(s.section() + "." + s.key());
            if (v == null && !values.containsKey(s.section() + "." + s.key())) {
                throw new IllegalArgumentException("setting not in this schema: " + s.qualifiedName());
            }
            return (T) v;
        }

        /** Whether the file set this key explicitly (as opposed to taking the default). */
        public boolean isSet(Setting<?> s) {
            return ini.section(s.section()).containsKey(s.key());
        }

        /** All keys of a pass-through section, e.g. producer properties. */
        public Map<String, String> passThrough(String section) {
            Map<String, String> out = new LinkedHashMap<>();
            ini.section(section).values().forEach(e -> out.put(e.key(), e.value()));
            return out;
        }
    }
}
