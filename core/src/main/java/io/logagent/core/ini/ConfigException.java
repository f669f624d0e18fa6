package io.logagent.core.ini;

/** A configuration that cannot be used; the message names the file, line and key so an operator can fix it. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
