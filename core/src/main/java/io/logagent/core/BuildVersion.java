package io.logagent.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version every component reports ({@code logagent --version}, the agent's status, the console's hosts page).
 * It is the Maven build's {@code logagent.version} (the project version unless overridden with
 * {@code -Dlogagent.version=}), written into {@code build.properties} at build time; an installed package stamps
 * its own version with the system property {@value #PROPERTY}, so a package can be rebuilt under a new version from
 * the same jars.
 */
public final class BuildVersion {
    public static final String PROPERTY = "logagent.version";
    private static final String RESOURCE = "build.properties";

    private BuildVersion() {
    }

    public static String current() {
        String stamped = System.getProperty(PROPERTY);
        return stamped != null && !stamped.isBlank() ? stamped.strip() : built();
    }

    /** The version the jars were built with. */
    public static String built() {
        try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("io/logagent/core/" + RESOURCE + " is missing from the build");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read io/logagent/core/" + RESOURCE, e);
        }
    }
}
