package io.logagent.console;

import io.logagent.console.config.ConsoleConfig;
import io.logagent.core.ini.IniFile;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Starts a console on a free port against the given servers, with admin password {@link #ADMIN_PASSWORD}. */
public final class ConsoleFixture implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "admin-secret-1";

    public final ConsoleServer server;
    public final ConsoleConfig config;

    public ConsoleFixture(Path dataDir, String etcd, String es, String kafka, String index, Clock clock) {
        this(dataDir, etcd, es, kafka, index, clock, "");
    }

    /** @param extraIni more sections, e.g. {@code [alerts]} settings, appended to the fixture's ini */
    public ConsoleFixture(Path dataDir, String etcd, String es, String kafka, String index, Clock clock,
                          String extraIni) {
        String ini = """
                [http]
                port = 0
                [es]
                address = %s
                index = %s
                [etcd]
                address = %s
                [kafka]
                address = %s
                [auth]
                admin_password = %s
                [console]
                data_dir = %s
                """.formatted(es, index, etcd, kafka, ADMIN_PASSWORD, dataDir) + extraIni;
        config = ConsoleConfig.from(IniFile.parse("test.ini", ini), Map.of());
        server = ConsoleServer.create(config, clock);
        server.start();
    }

    public Api admin() {
        return new Api(server.port()).basic("admin", ADMIN_PASSWORD);
    }

    public Api anonymous() {
        return new Api(server.port());
    }

    @Override
    public void close() throws InterruptedException {
        server.stop();
        if (!server.awaitStop(Duration.ofSeconds(10))) {
            throw new IllegalStateException("console did not stop");
        }
    }
}
