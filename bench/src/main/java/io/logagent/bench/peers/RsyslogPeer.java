package io.logagent.bench.peers;

import io.logagent.bench.BenchContext;
import io.logagent.bench.proc.ChildProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A separate rsyslogd instance (Debian rsyslog + rsyslog-kafka): its own config, pid file and work directory, in
 * the foreground ({@code -n}) so it is our child; imfile reads the file (or every file of a glob) from its start, omkafka sends each line
 * (the raw message, like our records) with librdkafka's lz4 and linger 5 ms. A system rsyslog is never touched.
 */
public final class RsyslogPeer {
    public static final Path RSYSLOGD = Path.of("/usr/sbin/rsyslogd");
    private static final Path OMKAFKA = Path.of("/usr/lib/x86_64-linux-gnu/rsyslog/omkafka.so");

    private RsyslogPeer() {
    }

    /** Why rsyslog cannot run here, or null. */
    public static String unavailable() {
        if (!Files.isExecutable(RSYSLOGD)) {
            return "rsyslogd is not installed (bin/bench installs rsyslog + rsyslog-kafka with apt when root)";
        }
        if (!Files.exists(OMKAFKA)) {
            return "omkafka is not installed (apt-get install rsyslog-kafka)";
        }
        return null;
    }

    public static ChildProcess start(BenchContext ctx, Path dir, String file, String topic, String brokers)
            throws Exception {
        Path work = Files.createDirectories(dir.resolve("rsyslog-work")); // also creates dir
        Path conf = dir.resolve("rsyslog.conf");
        Files.writeString(conf, """
                global(workDirectory="%s" maxMessageSize="64k")
                module(load="imfile")
                module(load="omkafka")
                template(name="raw" type="string" string="%%msg%%")
                ruleset(name="tokafka") {
                  action(type="omkafka" broker=["%s"] topic="%s" template="raw"
                         confParam=["compression.codec=lz4", "linger.ms=5", "batch.size=262144"])
                }
                input(type="imfile" file="%s" tag="bench" ruleset="tokafka" freshStartTail="off")
                """.formatted(work, brokers, topic, file));
        List<String> command = List.of(RSYSLOGD.toString(), "-n", "-f", conf.toString(), "-i",
                dir.resolve("rsyslogd.pid").toString());
        return ChildProcess.start("rsyslog", command, dir, dir.resolve("rsyslog.log"), Map.of(), ctx.children());
    }
}
