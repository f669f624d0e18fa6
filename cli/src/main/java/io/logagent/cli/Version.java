package io.logagent.cli;

import io.logagent.core.BuildVersion;
import picocli.CommandLine;

/** {@code logagent --version}: the build's version, or the one an installed package stamped (see {@link BuildVersion}). */
public final class Version implements CommandLine.IVersionProvider {
    public static String current() {
        return BuildVersion.current();
    }

    @Override
    public String[] getVersion() {
        return new String[] {"logagent " + current()};
    }
}
