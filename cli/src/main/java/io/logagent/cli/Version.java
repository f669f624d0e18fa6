package io.logagent.cli;

import picocli.CommandLine;

/** The version from the jar manifest, or "dev" when run from classes. */
public final class Version implements CommandLine.IVersionProvider {
    public static String current() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"logagent " + current()};
    }
}
