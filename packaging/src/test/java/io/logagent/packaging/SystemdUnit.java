package io.logagent.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code [Service]} settings of a systemd unit file, as systemd reads them (repeated keys accumulate). */
final class SystemdUnit {
    private final Map<String, List<String>> service = new LinkedHashMap<>();

    static SystemdUnit read(Path file) throws IOException {
        SystemdUnit unit = new SystemdUnit();
        String section = "";
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                section = line;
                continue;
            }
            int eq = line.indexOf('=');
            if (section.equals("[Service]") && eq > 0) {
                unit.service.computeIfAbsent(line.substring(0, eq).strip(), k -> new ArrayList<>())
                        .add(line.substring(eq + 1).strip());
            }
        }
        return unit;
    }

    /** The last value of a key, as systemd takes it for single-valued settings; "" when absent. */
    String get(String key) {
        List<String> values = service.getOrDefault(key, List.of());
        return values.isEmpty() ? "" : values.getLast();
    }

    List<String> all(String key) {
        return service.getOrDefault(key, List.of());
    }

    /** ExecStart's words (the units quote nothing). */
    List<String> execStart() {
        return List.of(get("ExecStart").split("\\s+"));
    }

    /**
     * The environment systemd gives the service: its own few variables, then {@code EnvironmentFile=} (a leading
     * '-' = optional) and {@code Environment=} entries.
     */
    Map<String, String> environment() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("LANG", "C.UTF-8");
        String user = get("User");
        env.put("USER", user);
        env.put("LOGNAME", user);
        env.put("HOME", get("WorkingDirectory"));
        env.put("SHELL", "/usr/sbin/nologin");
        for (String file : all("EnvironmentFile")) {
            Path p = Path.of(file.startsWith("-") ? file.substring(1) : file);
            if (!Files.exists(p) && file.startsWith("-")) {
                continue;
            }
            for (String line : Files.readAllLines(p)) {
                assign(env, line.strip());
            }
        }
        for (String assignments : all("Environment")) {
            for (String a : assignments.split("\\s+")) {
                assign(env, a);
            }
        }
        return env;
    }

    private static void assign(Map<String, String> env, String line) {
        int eq = line.indexOf('=');
        if (!line.startsWith("#") && eq > 0) {
            env.put(line.substring(0, eq), line.substring(eq + 1));
        }
    }
}
