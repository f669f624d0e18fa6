package io.logagent.bench.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Native Memory Tracking of a JVM child started with {@code -XX:NativeMemoryTracking=summary} (bin/bench --nmt):
 * {@code jcmd PID VM.native_memory summary} saved beside the child's log, and its committed MB per category
 * (Java Heap, Class, Thread, Code, GC, Symbol, Other = direct buffers, …) for the report.
 */
public final class NativeMemory {
    private static final Pattern CATEGORY = Pattern.compile("^-\\s+(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB[,)]",
            Pattern.MULTILINE);
    private static final Pattern CLASSES = Pattern.compile("\\(classes #(\\d+)\\)");
    private static final Pattern TOTAL = Pattern.compile("^Total: reserved=\\d+KB, committed=(\\d+)KB", Pattern.MULTILINE);

    private NativeMemory() {
    }

    /** The directory NMT summaries go to, or null when bin/bench was run without --nmt. */
    public static Path dir() {
        String d = System.getProperty("logagent.bench.nmt");
        return d == null || d.isBlank() ? null : Path.of(d);
    }

    /**
     * Writes the summary of {@code pid} to {@code out} and returns "total N MB: heap N, class N, …" (committed
     * MB of the categories above 1 MB), or the reason it could not be read.
     */
    public static String summary(long pid, Path out) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "VM.native_memory", "summary")
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        Files.createDirectories(out.getParent());
        Files.writeString(out, text);
        Matcher total = TOTAL.matcher(text);
        if (!total.find()) {
            return "no NMT summary (" + text.strip().lines().findFirst().orElse("empty") + ")";
        }
        Map<String, Long> committed = new LinkedHashMap<>();
        Matcher m = CATEGORY.matcher(text);
        while (m.find()) {
            committed.put(m.group(1), Long.parseLong(m.group(2)));
        }
        Matcher classes = CLASSES.matcher(text);
        StringBuilder sb = new StringBuilder("NMT committed " + Long.parseLong(total.group(1)) / 1024 + " MB"
                + (classes.find() ? " (" + classes.group(1) + " classes)" : "") + ":");
        committed.entrySet().stream().filter(e -> e.getValue() >= 1024)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> sb.append(' ').append(e.getKey()).append(' ').append(e.getValue() / 1024).append(','));
        sb.setLength(sb.length() - 1);
        return sb.append(" (").append(out.getFileName()).append(')').toString();
    }
}
