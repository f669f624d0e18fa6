package io.logagent.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command to its end and keeps what it printed (stdout and stderr together). */
final class Shell {
    record Result(int exit, String output) {
        Result expect(int code, String what) {
            if (exit != code) {
                throw new AssertionError(what + ": exit " + exit + " (expected " + code + "), output:\n" + output);
            }
            return this;
        }
    }

    private Shell() {
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        return run(command, null, null);
    }

    /**
     * @param env null to inherit this JVM's environment, else exactly these variables
     * @param dir null for this JVM's working directory
     */
    static Result run(List<String> command, Map<String, String> env, Path dir) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (env != null) {
            pb.environment().clear();
            pb.environment().putAll(env);
        }
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("still running after 5 min: " + command);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static Result run(String... command) throws IOException, InterruptedException {
        return run(List.of(command));
    }
}
