package io.logagent.bench.peers;

import io.logagent.bench.BenchContext;
import io.logagent.bench.proc.ChildProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A separate syslog-ng (Debian syslog-ng-core + syslog-ng-mod-rdkafka, unpacked by bin/bench under
 * {@code bench/target/peers/syslog-ng}, never installed as a service): its own config, pid file, persist file and
 * control socket, in the foreground ({@code -F}) so it is our child. {@code wildcard-file} reads the files from
 * their start with {@code flags(no-parse)} (the line is the message), {@code kafka-c} sends each line (the raw
 * message, like our records) with the same librdkafka settings as rsyslog's omkafka. kafka-c drops a message when
 * librdkafka's local queue is full (27,299 of 3,000,000 lines with its default 100,000 messages, measured), so the
 * queue is raised to 1,000,000 messages / 1 GiB: every line must arrive for the run to count.
 */
public final class SyslogNgPeer {
    private SyslogNgPeer() {
    }

    private static Path root() {
        return Path.of(System.getProperty("logagent.bench.syslog-ng", "bench/target/peers/syslog-ng"));
    }

    private static Path binary() {
        return root().resolve("usr/sbin/syslog-ng");
    }

    private static Path modules() {
        return root().resolve("usr/lib/syslog-ng/3.38");
    }

    /** Why syslog-ng cannot run here, or null. */
    public static String unavailable() {
        if (!Files.isExecutable(binary()) || !Files.exists(modules().resolve("libkafka.so"))) {
            return "syslog-ng is not unpacked under " + root() + " (bin/bench does it with apt when root)";
        }
        return null;
    }

    /** Reads every file matching {@code pattern} (a file name glob) in {@code inputDir}. */
    public static ChildProcess start(BenchContext ctx, Path dir, Path inputDir, String pattern, String topic,
                                     String brokers) throws Exception {
        Files.createDirectories(dir);
        Path conf = dir.resolve("syslog-ng.conf");
        Files.writeString(conf, """
                @version: 3.38
                options { stats-freq(0); log-msg-size(65536); };
                source s_files {
                  wildcard-file(base-dir("%s") filename-pattern("%s") flags(no-parse)
                                log-fetch-limit(1000) log-iw-size(10000));
                };
                destination d_kafka {
                  kafka-c(bootstrap-servers("%s") topic("%s") message("$MSG")
                          config(compression.codec("lz4") linger.ms("5") batch.size("262144")
                                 queue.buffering.max.messages("1000000") queue.buffering.max.kbytes("1048576")));
                };
                log { source(s_files); destination(d_kafka); };
                """.formatted(inputDir, pattern, brokers, topic));
        List<String> command = List.of(binary().toString(), "-F", "--no-caps", "-f", conf.toString(),
                "--module-path=" + modules(), "-p", dir.resolve("syslog-ng.pid").toString(),
                "-R", dir.resolve("syslog-ng.persist").toString(), "-c", dir.resolve("syslog-ng.ctl").toString());
        return ChildProcess.start("syslog-ng", command, dir, dir.resolve("syslog-ng.log"),
                Map.of("LD_LIBRARY_PATH", root().resolve("usr/lib/syslog-ng").toString()), ctx.children());
    }
}
