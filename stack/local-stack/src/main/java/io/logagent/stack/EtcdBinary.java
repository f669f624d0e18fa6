package io.logagent.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the etcd binary; when it is missing and we are root, installs Debian's etcd-server (as bin/ensure-etcd
 * does), otherwise fails with the command to run.
 */
final class EtcdBinary {
    private static final Logger LOG = LoggerFactory.getLogger(EtcdBinary.class);
    static final String INSTALL_COMMAND = "sudo apt-get install -y etcd-server etcd-client";
    private static final Path DEBIAN_PATH = Path.of("/usr/bin/etcd");

    private EtcdBinary() {
    }

    /** Synchronized: parallel starts must not run two apt-get at once. */
    static synchronized Path locate(Path logDir) {
        Path found = find();
        if (found != null) {
            return found;
        }
        if (!isRoot()) {
            throw new IllegalStateException("etcd is not installed (not on PATH, not " + DEBIAN_PATH + "); run: " + INSTALL_COMMAND);
        }
        Path log = logDir.resolve("apt-get.log");
        LOG.info("etcd not found, installing Debian's etcd-server (output in {})", log);
        // Update the package lists only when the first attempt fails: they are usually fresh enough.
        if (run(log, "apt-get", "install", "-y", "-qq", "etcd-server", "etcd-client") != 0) {
            run(log, "apt-get", "update", "-qq");
            int code = run(log, "apt-get", "install", "-y", "-qq", "etcd-server", "etcd-client");
            if (code != 0) {
                throw new IllegalStateException("apt-get install etcd-server failed with code " + code + "; last lines of "
                        + log + ":" + System.lineSeparator() + LogTail.read(log, 20));
            }
        }
        found = find();
        if (found == null) {
            throw new IllegalStateException("etcd-server was installed but no etcd binary was found; see " + log);
        }
        return found;
    }

    private static Path find() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "etcd"))) {
                return Path.of(dir, "etcd");
            }
        }
        return Files.isExecutable(DEBIAN_PATH) ? DEBIAN_PATH : null;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int run(Path log, String... command) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + "; install etcd with: " + INSTALL_COMMAND, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing etcd", e);
        }
    }
}
