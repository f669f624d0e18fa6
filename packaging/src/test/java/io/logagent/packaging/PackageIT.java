package io.logagent.packaging;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.logagent.core.BuildVersion;
import io.logagent.stack.EtcdServer;
import io.logagent.stack.KafkaServer;
import io.logagent.stack.junit.RealServers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packages as an operator gets them: built once for the class by {@code build-package} from the jars Maven
 * copied to {@code target/lib} (a second .deb of a higher version reuses the same jlink image and jars), then the
 * tarball run without a JDK; {@link InstalledHostIT} installs the .deb.
 */
@ExtendWith(RealServers.class)
class PackageIT {
    static final Path PACKAGING = Path.of(System.getProperty("logagent.packaging.dir", ".")).toAbsolutePath();
    static final Path TARGET = PACKAGING.resolve("target");

    static Packages packages;

    /** The packages of two versions; built on first use, shared by the test classes of this JVM. */
    record Packages(String version, Path deb, Path tarball, String higherVersion, Path higherDeb) {
        static synchronized Packages build() throws IOException, InterruptedException {
            if (packages != null) {
                return packages;
            }
            Path out = TARGET.resolve("dist-it");
            String v1 = BuildVersion.built();
            String v2 = v1 + "+upgrade1";
            long t0 = System.nanoTime();
            List<String> first = buildPackage(out, v1, null);
            long t1 = System.nanoTime();
            List<String> second = buildPackage(out, v2, "deb");
            long t2 = System.nanoTime();
            System.out.printf("build-package: %s (deb + tarball) in %.1f s, %s (deb, same runtime) in %.1f s%n",
                    v1, (t1 - t0) / 1e9, v2, (t2 - t1) / 1e9);
            packages = new Packages(v1, Path.of(first.get(0)), Path.of(first.get(1)), v2, Path.of(second.get(0)));
            return packages;
        }
    }

    private static List<String> buildPackage(Path out, String version, String only)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(PACKAGING.resolve("build-package").toString(),
                "--lib", TARGET.resolve("lib").toString(), "--out", out.toString(), "--version", version,
                "--runtime-cache", TARGET.resolve("runtime").toString(),
                "--jdk", System.getProperty("logagent.packaging.jdk", System.getProperty("java.home"))));
        if (only != null) {
            cmd.addAll(List.of("--only", only));
        }
        Shell.Result r = Shell.run(cmd).expect(0, "build-package " + version);
        return r.output().lines().filter(l -> l.startsWith(out.toString())).toList();
    }

    @BeforeAll
    static void buildPackages() throws Exception {
        Packages.build();
    }

    @Test
    void packagesAreNamedByTheVersionAndTheDebKnowsItsConffilesAndScripts() throws Exception {
        assertThat(packages.deb().getFileName().toString())
                .isEqualTo("logagent_" + packages.version().replace('-', '~') + "_amd64.deb");
        assertThat(packages.tarball().getFileName().toString())
                .isEqualTo("logagent-" + packages.version() + "-linux-x64.tar.gz");
        String info = Shell.run("dpkg-deb", "--info", packages.deb().toString()).expect(0, "dpkg-deb --info").output();
        assertThat(info).contains("Package: logagent", "Version: " + packages.version().replace('-', '~'),
                "postinst", "prerm", "postrm", "conffiles");
        String files = Shell.run("dpkg-deb", "--contents", packages.deb().toString()).expect(0, "contents").output();
        assertThat(files).contains("./usr/bin/logagent -> ../lib/logagent/bin/logagent",
                "./usr/lib/logagent/runtime/bin/java", "./usr/lib/logagent/jvm/agent.options",
                "./etc/logagent/agent.ini", "./lib/systemd/system/logagent-agent.service",
                "./lib/systemd/system/logagent-transfer.service", "./lib/systemd/system/logagent-console.service")
                // the package carries its jars: nothing points into a Maven repository
                .contains("./usr/lib/logagent/lib/logagent-cli-").doesNotContain(".m2", "jmods");
        long runtimeKb = Long.parseLong(Shell.run("du", "-sk", runtimeImage().toString()).output().split("\\s")[0]);
        System.out.printf("jlink runtime: %d MB; .deb %d MB; tarball %d MB%n", runtimeKb / 1024,
                Files.size(packages.deb()) >> 20, Files.size(packages.tarball()) >> 20);
        assertThat(runtimeKb).as("jlink image of the needed modules only").isBetween(30_000L, 100_000L);
    }

    @Test
    void tarballRunsFromAnUnpackedDirectoryWithNoJdkOnThePath(EtcdServer etcd, KafkaServer kafka, @TempDir Path tmp)
            throws Exception {
        Path unpacked = Files.createDirectories(tmp.resolve("opt"));
        Shell.run("tar", "-xzf", packages.tarball().toString(), "-C", unpacked.toString()).expect(0, "tar");
        Path home = unpacked.resolve("logagent-" + packages.version() + "-linux-x64");
        // A PATH with only what the launcher uses: no java, no JDK; JAVA_HOME unset.
        Path bin = Files.createDirectories(tmp.resolve("path"));
        for (String tool : List.of("bash", "readlink")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of(Shell.run("bash", "-c", "command -v " + tool)
                    .expect(0, tool).output().strip()));
        }
        Map<String, String> env = Map.of("PATH", bin.toString());
        assertThat(Shell.run(List.of("bash", "-c", "command -v java || echo none"), env, tmp).output().strip())
                .isEqualTo("none");
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Path launcher = home.resolve("bin/logagent");

        assertThat(Shell.run(List.of(launcher.toString(), "--version"), env, elsewhere).expect(0, "--version").output())
                .contains("logagent " + packages.version());

        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Files.writeString(logs.resolve("app.log"), "hello\n");
        String ip = "10.77.1.1";
        Path ini = Files.writeString(tmp.resolve("agent.ini"), agentIni(kafka, etcd, ip, logs, tmp.resolve("data")));
        putCollectConfig(etcd, ip, logs.resolve("app.log"), "tarball_it");
        Shell.Result check = Shell.run(List.of(launcher.toString(), "agent", "--check-config", "--config",
                ini.toString()), env, elsewhere);
        System.out.println(check.output());
        check.expect(0, "agent --check-config from the tarball");
        assertThat(check.output()).contains("1 file readable", "Kafka " + kafka.bootstrapServers(), ": OK");

        // The transfer's clients (Kafka admin, Apache HttpClient) on the bundled runtime; no search cluster here.
        Path transferIni = Files.writeString(tmp.resolve("transfer.ini"), """
                [kafka]
                address=%s
                topic=tarball_it
                [es]
                address=http://127.0.0.1:1
                """.formatted(kafka.bootstrapServers()));
        Shell.Result transfer = Shell.run(List.of(launcher.toString(), "transfer", "--check-config", "--config",
                transferIni.toString()), env, elsewhere);
        System.out.println(transfer.output());
        transfer.expect(2, "transfer --check-config without a search cluster");
        assertThat(transfer.output()).contains("ok      Kafka " + kafka.bootstrapServers(), "PROBLEM search cluster");

        assertConsoleServesItsPage(launcher, env, tmp, etcd);
    }

    /** The console's web stack (Jetty, Javalin) on the bundled runtime: it starts and serves its page. */
    private static void assertConsoleServesItsPage(Path launcher, Map<String, String> env, Path tmp, EtcdServer etcd)
            throws Exception {
        Path ini = Files.writeString(tmp.resolve("console.ini"), """
                [http]
                port=0
                [etcd]
                address=%s
                [auth]
                admin_password=tarball-it-password
                [console]
                data_dir=%s
                """.formatted(etcd.endpoint(), tmp.resolve("console-data")));
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "console", "--config", ini.toString())
                .directory(tmp.toFile()).redirectError(TARGET.resolve("tarball-console.log").toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process console = pb.start();
        try (var stdout = new java.io.BufferedReader(new java.io.InputStreamReader(console.getInputStream(),
                StandardCharsets.UTF_8))) {
            String url = stdout.lines().filter(l -> l.startsWith("logagent console: ")).findFirst()
                    .map(l -> l.substring("logagent console: ".length()).strip()).orElseThrow();
            var http = java.net.http.HttpClient.newHttpClient();
            var page = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).containsIgnoringCase("<html");
        } finally {
            console.destroy();
            assertThat(console.waitFor(30, TimeUnit.SECONDS)).as("console stops on SIGTERM").isTrue();
        }
    }

    static Path runtimeImage() throws IOException {
        try (var s = Files.list(TARGET.resolve("runtime"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("jlink-")).findFirst().orElseThrow();
        }
    }

    static String agentIni(KafkaServer kafka, EtcdServer etcd, String ip, Path logs, Path dataDir) {
        return """
                [kafka]
                address=%s
                linger_ms=1
                [etcd]
                address=%s
                status_ttl=5
                [agent]
                ip=%s
                data_dir=%s
                allow_paths=%s/**
                """.formatted(kafka.bootstrapServers(), etcd.endpoint(), ip, dataDir, logs);
    }

    static void putCollectConfig(EtcdServer etcd, String ip, Path file, String topic) throws Exception {
        putKey(etcd, "/logagent/" + ip + "/collect_config",
                "[{\"path\":\"" + file + "\",\"topic\":\"" + topic + "\",\"from\":\"beginning\"}]");
    }

    static void putKey(EtcdServer etcd, String key, String value) throws Exception {
        try (Client client = Client.builder().endpoints(etcd.endpoint()).build()) {
            client.getKVClient().put(ByteSequence.from(key, StandardCharsets.UTF_8),
                    ByteSequence.from(value, StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
        }
    }

    static String getKey(EtcdServer etcd, String key) throws Exception {
        try (Client client = Client.builder().endpoints(etcd.endpoint()).build()) {
            var kvs = client.getKVClient().get(ByteSequence.from(key, StandardCharsets.UTF_8))
                    .get(10, TimeUnit.SECONDS).getKvs();
            return kvs.isEmpty() ? "" : kvs.getFirst().getValue().toString(StandardCharsets.UTF_8);
        }
    }
}
