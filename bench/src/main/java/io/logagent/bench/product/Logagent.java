package io.logagent.bench.product;

import io.logagent.bench.BenchContext;
import io.logagent.bench.proc.ChildProcess;
import io.logagent.bench.proc.NativeMemory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Our components as shipped: {@code ./logagent agent|transfer|console --config FILE}, i.e. the launcher with its
 * JVM flags, so their CPU and memory are measured as users get them. {@code -Dlogagent.bench.jfr=DIR} (set by
 * {@code bin/bench --jfr}) adds a JFR recording per child through LOGAGENT_JAVA_OPTS, which the launcher appends;
 * {@code -Dlogagent.bench.nmt=DIR} ({@code --nmt}) adds Native Memory Tracking, and a LOGAGENT_JAVA_OPTS of the
 * bench's own environment is kept (to try a JVM flag without editing the options file).
 */
public final class Logagent {
    private final BenchContext ctx;

    public Logagent(BenchContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Runs the launcher once with --help so that a rebuild it decides on (sources changed) happens here and not
     * inside a timed start.
     */
    public void warmUp() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(ctx.launcher().toString(), "agent", "--help").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("./logagent agent --help did not finish in 10 minutes");
        }
    }

    /**
     * Fails when the launcher rebuilt the project inside a timed run (someone changed sources after
     * {@link #warmUp()}): the figure would include a Maven build.
     */
    public static void checkNotRebuilt(ChildProcess child) throws IOException {
        if (Files.exists(child.log()) && Files.readString(child.log()).contains("logagent: building")) {
            throw new IllegalStateException("./logagent rebuilt the project during the timed run of " + child.name()
                    + " (sources changed meanwhile); run the benchmark again");
        }
    }

    public ChildProcess start(String command, String name, Path ini, Path dir) {
        Map<String, String> env = new HashMap<>();
        StringBuilder opts = new StringBuilder(System.getenv().getOrDefault("LOGAGENT_JAVA_OPTS", ""));
        String jfrDir = System.getProperty("logagent.bench.jfr");
        if (jfrDir != null && !jfrDir.isBlank()) {
            opts.append(" -XX:StartFlightRecording=settings=profile,filename=")
                    .append(Path.of(jfrDir).toAbsolutePath().resolve(name + ".jfr"));
        }
        if (NativeMemory.dir() != null) {
            opts.append(" -XX:NativeMemoryTracking=summary");
        }
        if (!opts.isEmpty()) {
            env.put("LOGAGENT_JAVA_OPTS", opts.toString().strip());
        }
        return ChildProcess.start(name, List.of(ctx.launcher().toString(), command, "--config", ini.toString()),
                dir, dir.resolve(name + ".log"), env, ctx.children());
    }

    /** An agent ini: Kafka and etcd of this run, a fixed host id (the key the benchmark writes), no HTTP port. */
    public Path agentIni(Path dir, String ip, String allowPaths, String extra) throws IOException {
        return write(dir.resolve("agent.ini"), """
                [kafka]
                address=%s
                [etcd]
                address=%s
                [agent]
                ip=%s
                data_dir=%s
                http_port=-1
                allow_paths=%s
                %s
                """.formatted(ctx.servers().kafka().bootstrapServers(), ctx.servers().etcd().endpoint(), ip,
                dir.resolve("agent-data"), allowPaths, extra));
    }

    public Path transferIni(Path dir, String topic, String groupId, String extra) throws IOException {
        return write(dir.resolve("transfer.ini"), """
                [kafka]
                address=%s
                topic=%s
                group_id=%s
                [es]
                address=%s
                %s
                """.formatted(ctx.servers().kafka().bootstrapServers(), topic, groupId,
                ctx.servers().openSearch().httpUrl(), extra));
    }

    public Path consoleIni(Path dir, int port, String adminPassword) throws IOException {
        return write(dir.resolve("console.ini"), """
                [http]
                port=%d
                [es]
                address=%s
                [etcd]
                address=%s
                [auth]
                admin_password=%s
                [console]
                data_dir=%s
                """.formatted(port, ctx.servers().openSearch().httpUrl(), ctx.servers().etcd().endpoint(),
                adminPassword, dir.resolve("console-data")));
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }
}
