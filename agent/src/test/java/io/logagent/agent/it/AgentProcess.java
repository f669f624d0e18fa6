package io.logagent.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Starts {@link AgentProcessMain} in a child JVM with the test's class path, for tests that kill it with SIGKILL. */
final class AgentProcess {
    private AgentProcess() {
    }

    /** Its output goes to {@code target/<dir>/<name>.log}. */
    static Process launch(AgentFixture f, String dir, String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                AgentProcessMain.class.getName(), f.iniFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(Files.createDirectories(Path.of(System.getProperty("logagent.build.dir", "target"),
                        dir)).resolve(name + ".log").toFile())
                .start();
    }

    /** Fails the wait at once, rather than at its timeout, when the agent process has died. */
    static boolean alive(Process agent, String dir) {
        if (!agent.isAlive()) {
            throw new AssertionError("the agent process exited with " + agent.exitValue()
                    + "; its output is in target/" + dir + "/");
        }
        return true;
    }
}
