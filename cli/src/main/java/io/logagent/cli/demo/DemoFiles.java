package io.logagent.cli.demo;

import io.logagent.stack.LocalStack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/** The demo's directory: generated ini files (real examples of each component's config) and its data. */
public final class DemoFiles {
    private final Path dir;
    /** The transfer's /metrics port, chosen once, so the console's bulk-latency series can read it. */
    private final int transferHttpPort;

    public DemoFiles(Path dir) {
        this.dir = dir;
        try (ServerSocket free = new ServerSocket(0)) {
            this.transferHttpPort = free.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the demo transfer's /metrics", e);
        }
    }

    /** Removes the previous run's data, so every demo starts from empty topics, indices and offsets. */
    public void wipe() throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A fresh random admin password each run: the console never has a fixed default one. */
    public String adminPassword() {
        byte[] b = new byte[9];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    public Path writeAgentIni(LocalStack stack, String ip) throws IOException {
        return write("agent.ini", """
                ; The seed's conf/config.ini, plus an [agent] section of our own.
                [kafka]
                address=%s
                chan_max_size=100000
                [etcd]
                address=%s
                timeout=5
                collect_log_key=/logagent/%%s/collect_config
                [agent]
                ip=%s
                data_dir=%s
                http_port=0
                allow_paths=%s/**
                """.formatted(stack.kafka().bootstrapServers(), stack.etcd().endpoint(), ip,
                dir.resolve("agent-data"), dir.resolve("logs")));
    }

    public Path writeTransferIni(LocalStack stack) throws IOException {
        return write("transfer.ini", """
                ; The seed's logTransfer ini and our optional keys. No topic list: with [etcd] address the transfer
                ; consumes every topic the collect configs in etcd name, so an entry added in the console is
                ; searchable within seconds (a topic=a,b list here would be consumed as well).
                [kafka]
                address=%s
                [es]
                address=%s
                chan_size=100000
                nums=4
                [etcd]
                address=%s
                collect_log_key=/logagent/%%s/collect_config
                [transfer]
                http_port=%d
                """.formatted(stack.kafka().bootstrapServers(), stack.openSearch().httpUrl(), stack.etcd().endpoint(),
                transferHttpPort));
    }

    public Path writeConsoleIni(LocalStack stack, int port, String adminPassword) throws IOException {
        return write("console.ini", """
                [http]
                port=%d
                [es]
                address=%s
                [etcd]
                address=%s
                [kafka]
                address=%s
                [auth]
                admin_password=%s
                [console]
                data_dir=%s
                [pipeline]
                transfer_metrics=http://127.0.0.1:%d/metrics
                """.formatted(port, stack.openSearch().httpUrl(), stack.etcd().endpoint(),
                stack.kafka().bootstrapServers(), adminPassword, dir.resolve("console-data"), transferHttpPort));
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve("conf").resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }
}
