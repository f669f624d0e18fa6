package io.logagent.core.tls;

import io.logagent.core.ini.ConfigException;

/** A certificate or key file named in the ini is missing or unusable: a configuration error (exit 2). */
public final class TlsFileException extends ConfigException {
    public TlsFileException(String message) {
        super(message);
    }

    public TlsFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
