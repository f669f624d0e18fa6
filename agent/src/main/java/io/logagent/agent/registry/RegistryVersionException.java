package io.logagent.agent.registry;

import java.io.IOException;

/**
 * The registry was written in a format this version does not know: a newer logagent wrote it (the host was
 * downgraded past a format change). Refused rather than misread, since a misread offset re-sends or skips lines;
 * the operator decides (reinstall the newer version, or move the file away and start over).
 */
public final class RegistryVersionException extends IOException {
    public RegistryVersionException(String message) {
        super(message);
    }
}
