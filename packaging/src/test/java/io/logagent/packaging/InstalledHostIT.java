package io.logagent.packaging;

import io.logagent.stack.EtcdServer;
import io.logagent.stack.KafkaServer;
import io.logagent.stack.junit.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * This machine as a new host: {@code dpkg -i} the .deb, configure /etc/logagent/agent.ini, start the agent the way
 * its systemd unit would (the unit's ExecStart, user, groups, working directory, environment and
 * NoNewPrivileges), prove lines flow; upgrade to a higher version while lines are written and downgrade back (the
 * test stops the old process with SIGTERM and starts the new ExecStart, which postinst's {@code systemctl
 * try-restart} does under systemd), prove no line was lost and report duplicates; {@code dpkg -r} stops the agent
 * and keeps data and edited configs, {@code dpkg --purge} removes them. Needs root (dpkg); skipped otherwise, with
 * the reason. systemd is not PID 1 in the test containers, so {@code systemctl} itself is checked only where it runs.
 */
@ExtendWith(RealServers.class)
class InstalledHostIT {
    private static final Path UNIT = Path.of("/lib/systemd/system/logagent-agent.service");
    private static final Path AGENT_INI = Path.of("/etc/logagent/agent.ini");
    private static final Path DATA = Path.of("/var/lib/logagent");
    private static final String IP = "10.77.0.7";

    private static boolean userExisted;
    private final List<Process> agents = new ArrayList<>();

    @BeforeAll
    static void onlyAsRootOnAHostWithoutLogagent() throws Exception {
        assumeThat(Shell.run("id", "-u").output().strip())
                .as("installing a .deb needs root (dpkg -i); run bin/test as root to include this test").isEqualTo("0");
        assertThat(Shell.run("dpkg-query", "-W", "-f=${Status}", "logagent").output())
                .as("logagent is already installed here; this test installs and purges it: dpkg --purge logagent first")
                .doesNotContain("installed");
        userExisted = Shell.run("getent", "passwd", "logagent").exit() == 0;
        PackageIT.Packages.build();
    }

    @AfterAll
    static void leaveTheMachineAsFound() throws Exception {
        if (Shell.run("id", "-u").output().strip().equals("0")) {
            Shell.run("dpkg", "--purge", "logagent");
            if (!userExisted) {
                Shell.run("userdel", "logagent");
                Shell.run("groupdel", "logagent");
            }
        }
    }

    @Test
    void installRunAsTheUnitUpgradeAndDowngradeWhileLinesFlowThenRemoveAndPurge(EtcdServer etcd, KafkaServer kafka)
            throws Exception {
        PackageIT.Packages pkg = PackageIT.Packages.build();
        Path logs = Files.createTempDirectory(Path.of("/tmp"), "logagent-it-");
        try {
            install(pkg.deb());
            assertNewHostLayout(pkg.version());
            SystemdUnit unit = SystemdUnit.read(UNIT);
            assertUnitHardening(unit);

            // The operator's edit of the conffile, and a log file readable through group adm only.
            chownAdm(logs, "rwxr-x---");
            Path log = Files.createFile(logs.resolve("app.log"));
            chownAdm(log, "rw-r-----");
            String topic = "installed_it_" + UUID.randomUUID().toString().substring(0, 8);
            String ini = PackageIT.agentIni(kafka, etcd, IP, logs, DATA.resolve("agent")) + "# edited by the operator\n";
            Files.writeString(AGENT_INI, ini);
            PackageIT.putCollectConfig(etcd, IP, log, topic);
            checkConfigAsTheServiceUser(etcd, logs);

            LineWriter writer = new LineWriter(log);
            writer.start();
            try (TopicLines lines = new TopicLines(kafka.bootstrapServers(), topic)) {
                Process v1 = startAsTheUnit(unit, "v1");
                assertThat(lines.awaitDistinct(200, Duration.ofSeconds(60))).as("lines flow from the installed agent")
                        .isGreaterThanOrEqualTo(200);
                awaitStatusVersion(etcd, pkg.version());
                assertRunsWithTheAgentsJvmOptions(v1);

                install(pkg.higherDeb()); // while lines are being written
                assertThat(Files.readString(AGENT_INI)).as("an edited conffile survives the upgrade").isEqualTo(ini);
                assertThat(launcherVersion()).isEqualTo("logagent " + pkg.higherVersion());
                Process v2 = restart(v1, unit, "v2");
                awaitStatusVersion(etcd, pkg.higherVersion());
                int before = lines.awaitDistinct(writer.written() - 50, Duration.ofSeconds(60));
                assertThat(before).as("lines flow after the upgrade").isGreaterThan(200);

                install(pkg.deb()); // downgrade: the registry format is the same, the offsets carry over
                assertThat(launcherVersion()).isEqualTo("logagent " + pkg.version());
                Process v1Again = restart(v2, unit, "v1-again");
                awaitStatusVersion(etcd, pkg.version());

                int total = writer.stop();
                int distinct = lines.awaitDistinct(total, Duration.ofSeconds(60));
                int duplicates = lines.counts().values().stream().mapToInt(n -> n - 1).sum();
                System.out.printf("upgrade %s -> %s -> %s while writing: %d lines written, %d arrived, %d lost, "
                        + "%d duplicates%n", pkg.version(), pkg.higherVersion(), pkg.version(), total, distinct,
                        total - distinct, duplicates);
                assertThat(distinct).as("no line lost across upgrade and downgrade").isEqualTo(total);
                assertThat(lines.counts().keySet()).allMatch(l -> l.startsWith("line "));

                removeKeepsDataAndConfig(v1Again, ini);
            } finally {
                writer.stop();
            }
            Shell.run("dpkg", "--purge", "logagent").expect(0, "dpkg --purge");
            assertThat(DATA).as("purge removes the data").doesNotExist();
            assertThat(Path.of("/etc/logagent")).as("purge removes the configs").doesNotExist();
        } finally {
            agents.forEach(Process::destroyForcibly);
            Shell.run("rm", "-rf", logs.toString());
        }
    }

    private void install(Path deb) throws Exception {
        long t0 = System.nanoTime();
        Shell.run("dpkg", "-i", deb.toString()).expect(0, "dpkg -i " + deb.getFileName());
        System.out.printf("dpkg -i %s: %.1f s%n", deb.getFileName(), (System.nanoTime() - t0) / 1e9);
    }

    private static void assertNewHostLayout(String version) throws Exception {
        assertThat(launcherVersion()).isEqualTo("logagent " + version);
        assertThat(Shell.run("id", "-nG", "logagent").expect(0, "user logagent").output().split("\\s+"))
                .as("the service user reads /var/log through group adm").contains("logagent", "adm");
        assertThat(Shell.run("stat", "-c", "%U %a", DATA.resolve("agent").toString()).output().strip())
                .isEqualTo("logagent 750");
        assertThat(Shell.run("stat", "-c", "%U:%G %a", AGENT_INI.toString()).output().strip())
                .as("ini files may hold passwords").isEqualTo("root:logagent 640");
        assertThat(Shell.run("dpkg-query", "-W", "-f=${Conffiles}", "logagent").output())
                .contains("/etc/logagent/agent.ini", "/etc/logagent/transfer.ini", "/etc/logagent/console.ini");
        for (String c : List.of("agent", "transfer", "console")) {
            assertThat(Path.of("/lib/systemd/system/logagent-" + c + ".service")).exists();
            assertThat(Path.of("/etc/systemd/system/multi-user.target.wants/logagent-" + c + ".service"))
                    .as("installed disabled: the operator enables what this host runs").doesNotExist();
        }
        if (Files.isDirectory(Path.of("/run/systemd/system"))) {
            assertThat(Shell.run("systemctl", "is-enabled", "logagent-agent.service").output().strip())
                    .isEqualTo("disabled");
        } else {
            System.out.println("systemd is not running here (PID 1 is " + Files.readString(Path.of("/proc/1/comm"))
                    .strip() + "): the systemctl checks are skipped; the unit's ExecStart is run as systemd would");
        }
    }

    private static void assertUnitHardening(SystemdUnit unit) {
        assertThat(unit.get("User")).isEqualTo("logagent");
        assertThat(unit.get("SupplementaryGroups")).isEqualTo("adm");
        assertThat(unit.get("Restart")).isEqualTo("on-failure");
        assertThat(unit.get("NoNewPrivileges")).isEqualTo("yes");
        assertThat(unit.get("ProtectSystem")).isEqualTo("strict");
        assertThat(unit.get("ReadWritePaths")).isEqualTo(DATA.toString());
        assertThat(unit.execStart()).containsExactly("/usr/bin/logagent", "agent", "--config", AGENT_INI.toString());
    }

    /** What the operator runs before enabling: good as the service user; an unreadable file is named, exit 2. */
    private static void checkConfigAsTheServiceUser(EtcdServer etcd, Path logs) throws Exception {
        Shell.Result good = Shell.run(asServiceUser("/usr/bin/logagent", "agent", "--check-config", "--config",
                AGENT_INI.toString()));
        System.out.println(good.output());
        good.expect(0, "--check-config of the installed agent as user logagent");
        assertThat(good.output()).contains("user logagent", "1 file readable", ": OK");

        Path secret = Files.writeString(logs.resolve("secret.log"), "root only\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        String otherIp = "10.77.0.8";
        PackageIT.putCollectConfig(etcd, otherIp, secret, "secret_log");
        Shell.Result bad = Shell.run(asServiceUser("/usr/bin/logagent", "agent", "--check-config", "--config",
                AGENT_INI.toString(), "--ip", otherIp));
        System.out.println(bad.output());
        bad.expect(2, "--check-config naming a file user logagent cannot read");
        assertThat(bad.output()).contains("PROBLEM", "cannot read 1 of 1 files as user logagent", secret.toString());
        Files.delete(secret);
    }

    private static List<String> asServiceUser(String... command) {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=logagent", "--regid=logagent", "--init-groups",
                "--"));
        cmd.addAll(List.of(command));
        return cmd;
    }

    /** The unit's ExecStart as systemd runs it: user, groups, NoNewPrivileges, working directory, environment. */
    private Process startAsTheUnit(SystemdUnit unit, String name) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + unit.get("User"),
                "--regid=" + unit.get("Group"), "--init-groups"));
        if (unit.get("NoNewPrivileges").equals("yes")) {
            cmd.add("--no-new-privs");
        }
        cmd.add("--");
        cmd.addAll(unit.execStart());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Path.of(unit.get("WorkingDirectory")).toFile())
                .redirectErrorStream(true)
                .redirectOutput(PackageIT.TARGET.resolve("installed-agent-" + name + ".log").toFile());
        pb.environment().clear();
        pb.environment().putAll(unit.environment());
        Process p = pb.start();
        agents.add(p);
        return p;
    }

    /** What postinst's try-restart does under systemd: SIGTERM (the unit's KillSignal), wait, start again. */
    private Process restart(Process running, SystemdUnit oldUnit, String name) throws Exception {
        long t0 = System.nanoTime();
        running.destroy(); // SIGTERM
        assertThat(running.waitFor(45, TimeUnit.SECONDS)).as("stopped within TimeoutStopSec").isTrue();
        assertThat(running.exitValue()).as("a clean stop").isZero();
        Process next = startAsTheUnit(SystemdUnit.read(UNIT), name);
        System.out.printf("restart as %s: old process stopped in %.1f s%n", name, (System.nanoTime() - t0) / 1e9);
        assertThat(oldUnit.execStart()).isEqualTo(SystemdUnit.read(UNIT).execStart());
        return next;
    }

    /** The flags of packaging/jvm/agent.options (the same file ./logagent reads) reach the installed agent's JVM. */
    private static void assertRunsWithTheAgentsJvmOptions(Process agent) throws IOException {
        String cmdline = Files.readString(Path.of("/proc/" + agent.pid() + "/cmdline")).replace('\0', ' ');
        String environ = Files.readString(Path.of("/proc/" + agent.pid() + "/environ")).replace('\0', '\n');
        assertThat(cmdline).as("the launcher execs java in the same process").contains("/usr/lib/logagent/runtime/bin/java");
        for (String line : Files.readAllLines(PackageIT.PACKAGING.resolve("jvm/agent.options"))) {
            if (line.startsWith("-")) {
                assertThat(cmdline).contains(" " + line + " ");
            } else if (line.contains("=") && !line.startsWith("#")) {
                assertThat(environ).contains(line + "\n");
            }
        }
    }

    private static void awaitStatusVersion(EtcdServer etcd, String version) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(PackageIT.getKey(etcd, "/logagent/status/" + IP))
                        .as("the agent reports its version in its status").contains("\"version\":\"" + version + "\""));
    }

    private static String launcherVersion() throws Exception {
        return Shell.run("/usr/bin/logagent", "--version").expect(0, "logagent --version").output().strip();
    }

    /** dpkg -r: prerm stops the agent (SIGTERM); the registry and the edited config stay for a reinstall. */
    private static void removeKeepsDataAndConfig(Process running, String ini) throws Exception {
        Shell.run("dpkg", "-r", "logagent").expect(0, "dpkg -r");
        assertThat(running.waitFor(60, TimeUnit.SECONDS)).as("dpkg -r stops the agent").isTrue();
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().user().orElse("").equals("logagent")))
                .as("no process of user logagent is left").isEmpty();
        assertThat(Path.of("/usr/bin/logagent")).doesNotExist();
        assertThat(DATA.resolve("agent/registry.json")).as("offsets kept").exists();
        assertThat(Files.readString(AGENT_INI)).as("the edited config kept").isEqualTo(ini);
    }

    private static void chownAdm(Path p, String mode) throws IOException {
        GroupPrincipal adm = p.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName("adm");
        Files.getFileAttributeView(p, PosixFileAttributeView.class).setGroup(adm);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    }

    /** Appends numbered lines at about 500 a second until stopped, on its own thread. */
    private static final class LineWriter {
        private final Path file;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger written = new AtomicInteger();
        private final Thread thread;

        LineWriter(Path file) {
            this.file = file;
            this.thread = new Thread(this::write, "it-line-writer");
        }

        void start() {
            thread.start();
        }

        int written() {
            return written.get();
        }

        /** Stops and returns how many lines were written. */
        int stop() throws InterruptedException {
            running.set(false);
            thread.join();
            return written.get();
        }

        private void write() {
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
                while (running.get()) {
                    for (int i = 0; i < 5; i++) {
                        w.write("line " + String.format("%07d", written.get()) + " of the upgrade test\n");
                        written.incrementAndGet();
                    }
                    w.flush();
                    Thread.sleep(10);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
