package io.logagent.core.ini;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed ini file that remembers where each value came from, so that a bad or unknown key can be reported
 * with its line. The format is the one the seed project's {@code conf/config.ini} uses (go-ini): {@code [section]}
 * headers, {@code key=value} or {@code key = value}, comments starting with {@code ;} or {@code #}. Keys before
 * any section header belong to the section named {@code ""}.
 *
 * <p>No library is used because none of the maintained Java ini readers keeps line numbers.
 */
public final class IniFile {

    /** One value and where it was read. */
    public record Entry(String section, String key, String value, int line) { }

    private final String source;
    private final Map<String, Map<String, Entry>> sections;

    private IniFile(String source, Map<String, Map<String, Entry>> sections) {
        this.source = source;
        this.sections = sections;
    }

    public static IniFile read(Path file) throws IOException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Parses text; {@code source} names it in error messages (usually the file path). */
    public static IniFile parse(String source, String text) {
        Map<String, Map<String, Entry>> sections = new LinkedHashMap<>();
        String section = "";
        sections.put(section, new LinkedHashMap<>());
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]") || line.length() < 3) {
                    throw new ConfigException(source + ":" + lineNo + ": malformed section header '" + line + "'");
                }
                section = line.substring(1, line.length() - 1).strip().toLowerCase(java.util.Locale.ROOT);
                sections.putIfAbsent(section, new LinkedHashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(source + ":" + lineNo + ": expected key=value, got '" + line + "'");
            }
            String key = line.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT);
            String value = unquote(line.substring(eq + 1).strip());
            Entry previous = sections.get(section).put(key, new Entry(section, key, value, lineNo));
            if (previous != null) {
                throw new ConfigException(source + ":" + lineNo + ": key '" + key + "' in [" + section
                        + "] is already set on line " + previous.line());
            }
        }
        Map<String, Map<String, Entry>> frozen = new LinkedHashMap<>();
        sections.forEach((name, entries) -> frozen.put(name, Collections.unmodifiableMap(entries)));
        return new IniFile(source, Collections.unmodifiableMap(frozen));
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    public String source() {
        return source;
    }

    public Map<String, Map<String, Entry>> sections() {
        return sections;
    }

    public Map<String, Entry> section(String name) {
        return sections.getOrDefault(name, Map.of());
    }
}
