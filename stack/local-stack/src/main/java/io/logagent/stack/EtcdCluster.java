package io.logagent.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.logagent.stack.tls.CertificateAuthority;

/**
 * A real etcd cluster of {@link EtcdServer} members on loopback, optionally serving clients over TLS (with or
 * without client-certificate auth) and with etcd's auth enabled. Tests find the {@link #leader()}, {@link
 * EtcdServer#kill()} it and {@link EtcdServer#start()} it again on its ports and data.
 *
 * <p>Users, roles and auth are set up with Debian's {@code etcdctl} (package etcd-client, installed with
 * etcd-server), the same commands the README gives operators; {@link #etcdctl} runs any other one as root.
 */
public final class EtcdCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EtcdCluster.class);
    private static final Pattern STATUS = Pattern.compile(
            "\"Endpoint\":\"([^\"]+)\",\"Status\":\\{\"header\":\\{[^}]*\"member_id\":(\\d+)[^}]*},[^}]*?\"leader\":(\\d+)");

    /** How clients reach the members. */
    public enum Security {
        PLAINTEXT, TLS, TLS_CLIENT_CERT
    }

    private final Path dir;
    private final List<EtcdServer> members;
    private final CertificateAuthority ca;
    private final EtcdServer.Tls tls;
    private volatile String rootPassword;

    private EtcdCluster(Path dir, List<EtcdServer> members, CertificateAuthority ca, EtcdServer.Tls tls) {
        this.dir = dir;
        this.members = List.copyOf(members);
        this.ca = ca;
        this.tls = tls;
    }

    /**
     * Starts {@code size} members under {@code dir} (one subdirectory each; with TLS a CA in {@code dir/ca}) and
     * waits until every one is healthy.
     */
    public static EtcdCluster start(Path dir, int size, Security security) {
        int[] ports = FreePorts.pick(2 * size);
        List<EtcdServer.Member> all = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            all.add(new EtcdServer.Member("e" + (i + 1), ports[2 * i], ports[2 * i + 1]));
        }
        CertificateAuthority ca = null;
        EtcdServer.Tls tls = null;
        if (security != Security.PLAINTEXT) {
            ca = CertificateAuthority.create(dir.resolve("ca"), "etcd-ca");
            CertificateAuthority authority = ca;
            // Two keytool chains at once: each run is a JVM start, seconds on a busy 2-core box.
            CompletableFuture<CertificateAuthority.Identity> server = new CompletableFuture<>();
            Thread.ofPlatform().name("etcd-issue-server").start(() -> {
                try {
                    server.complete(authority.issue("etcd", "ip:127.0.0.1", "dns:localhost"));
                } catch (RuntimeException e) {
                    server.completeExceptionally(e);
                }
            });
            CertificateAuthority.Identity root = ca.issue("root");
            tls = new EtcdServer.Tls(ca, server.join(), root, security == Security.TLS_CLIENT_CERT);
        }
        List<EtcdServer> members = new ArrayList<>();
        for (EtcdServer.Member m : all) {
            members.add(EtcdServer.member(dir.resolve(m.name()), m, all, tls));
        }
        EtcdCluster cluster = new EtcdCluster(dir.toAbsolutePath(), members, ca, tls);
        cluster.startAll();
        return cluster;
    }

    /** Starts the members that are not running, together: one alone never becomes healthy without a quorum. */
    public void startAll() {
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (EtcdServer m : members) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            Thread.ofPlatform().name("etcd-start-" + m.memberName()).start(() -> {
                try {
                    m.start();
                    done.complete(null);
                } catch (RuntimeException | Error e) {
                    done.completeExceptionally(e);
                }
            });
            starts.add(done);
        }
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("etcd cluster ready: {}", endpoints());
    }

    public List<EtcdServer> members() {
        return members;
    }

    /** Every member's client URL, comma separated: the value of {@code [etcd] address}. */
    public String endpoints() {
        return String.join(",", members.stream().map(EtcdServer::endpoint).toList());
    }

    /** Null for a plaintext cluster; else the CA that signed the members' certificates, for client certificates. */
    public CertificateAuthority ca() {
        return ca;
    }

    /** Null for a plaintext cluster; the server certificate and etcdctl's client identity otherwise. */
    public EtcdServer.Tls tls() {
        return tls;
    }

    /** The running member that currently leads (etcd's maintenance status, as {@code etcdctl endpoint status}). */
    public EtcdServer leader() {
        List<EtcdServer> running = members.stream().filter(EtcdServer::isRunning).toList();
        String json = etcdctl(running, "endpoint", "status", "-w", "json");
        Matcher m = STATUS.matcher(json.replaceAll("\\s", ""));
        while (m.find()) {
            if (m.group(2).equals(m.group(3))) {
                String endpoint = m.group(1);
                return running.stream().filter(s -> s.endpoint().equals(endpoint)).findFirst().orElseThrow();
            }
        }
        throw new IllegalStateException("no member leads: " + json);
    }

    /**
     * Enables etcd's auth: user {@code root} with role {@code root} first (etcd refuses {@code auth enable}
     * without it); afterwards {@link #etcdctl} runs as root.
     */
    public void enableAuth(String password) {
        etcdctl("user", "add", "root:" + password);
        etcdctl("role", "add", "root");
        etcdctl("user", "grant-role", "root", "root");
        etcdctl("auth", "enable");
        rootPassword = password;
    }

    /** Runs {@code etcdctl ARGS} against the running members (as root once auth is on) and returns its stdout. */
    public String etcdctl(String... args) {
        return etcdctl(members.stream().filter(EtcdServer::isRunning).toList(), args);
    }

    private String etcdctl(List<EtcdServer> targets, String... args) {
        Path etcdctl = EtcdBinary.locate(dir).resolveSibling("etcdctl");
        if (!java.nio.file.Files.isExecutable(etcdctl)) {
            throw new IllegalStateException("etcdctl not found beside etcd (" + etcdctl + "); run: "
                    + EtcdBinary.INSTALL_COMMAND);
        }
        List<String> command = new ArrayList<>(List.of(etcdctl.toString(),
                "--endpoints=" + String.join(",", targets.stream().map(EtcdServer::endpoint).toList()),
                "--dial-timeout=5s", "--command-timeout=10s"));
        if (tls != null) {
            command.add("--cacert=" + ca.certPem());
            command.add("--cert=" + tls.probe().certChainPem());
            command.add("--key=" + tls.probe().keyPem());
        }
        if (rootPassword != null) {
            command.add("--user=root:" + rootPassword);
        }
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("ETCDCTL_API", "3");
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("etcdctl " + String.join(" ", args) + " did not finish in 30 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("etcdctl " + String.join(" ", args) + " failed ("
                        + process.exitValue() + "): " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + etcdctl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running etcdctl", e);
        }
    }

    @Override
    public void close() {
        members.forEach(EtcdServer::stop);
    }

    @Override
    public String toString() {
        return "EtcdCluster[" + endpoints() + "]";
    }
}
