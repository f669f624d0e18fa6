package io.logagent.console;

import io.logagent.console.config.ConsoleConfig;
import io.logagent.core.ini.ConfigException;
import io.logagent.core.ini.IniFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A taken port is reported, naming the setting, before the console starts anything (no etcd or engine needed). */
class ConsolePortTest {

    @Test
    void aPortInUseIsReportedBeforeAnythingStarts(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            ConsoleConfig config = ConsoleConfig.from(IniFile.parse("console.ini", """
                    [http]
                    port = %d
                    [etcd]
                    address = 127.0.0.1:1
                    [auth]
                    admin_password = admin-secret-1
                    [console]
                    data_dir = %s
                    """.formatted(port, dir)), Map.of());
            int threadsBefore = Thread.activeCount();
            assertThatThrownBy(() -> ConsoleServer.create(config, Clock.systemUTC()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("[http] port " + port + " on 127.0.0.1 cannot be used")
                    .hasMessageContaining("choose another [http] port");
            assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore); // no client or server thread was started
        }
    }

    @Test
    void aFreePortPassesTheCheckAndPortZeroIsNotChecked() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0)) {
            free = s.getLocalPort();
        }
        ConsoleServer.requirePortFree("127.0.0.1", free, "[http] port");
        ConsoleServer.requirePortFree("127.0.0.1", 0, "[http] port");
    }
}
