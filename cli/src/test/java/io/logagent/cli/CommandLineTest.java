package io.logagent.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(args);
    }

    @Test
    void agentHelpListsEverySettingWithItsDefault() {
        assertThat(run("agent", "--help")).isZero();
        assertThat(out.toString()).contains("--config=FILE", "--ip=IP", "[kafka]", "chan_max_size = 100000",
                "collect_log_key = /logagent/%s/collect_config", "[agent]", "allow_paths = /var/log/**");
    }

    @Test
    void everyComponentListsTheKafkaSecurityKeys() {
        for (String sub : new String[] {"agent", "transfer", "console"}) {
            out.getBuffer().setLength(0);
            assertThat(run(sub, "--help")).as(sub).isZero();
            assertThat(out.toString()).as(sub).contains("security_protocol = PLAINTEXT", "sasl_mechanism = SCRAM-SHA-512",
                    "username = ", "password = ", "ssl_ca_file = ", "ssl_cert_file = ", "ssl_key_file = ");
        }
    }

    @Test
    void everySubcommandHasHelp() {
        for (String sub : new String[] {"transfer", "console", "demo"}) {
            assertThat(run(sub, "--help")).as(sub).isZero();
        }
        assertThat(out.toString()).contains("[es]", "chan_size", "[http]", "--data-dir");
    }

    @Test
    void unknownIniKeyIsAConfigurationErrorNamingKeyAndLine(@TempDir Path tmp) throws Exception {
        Path ini = Files.writeString(tmp.resolve("config.ini"), """
                [kafka]
                address=127.0.0.1:9092
                chan_max_sise=100000
                [etcd]
                address=127.0.0.1:2379
                """);
        assertThat(run("agent", "--config", ini.toString(), "--ip", "10.0.0.1")).isEqualTo(2);
        assertThat(err.toString()).contains("configuration error", "config.ini:3", "unknown key 'chan_max_sise'");
    }

    @Test
    void missingConfigFileIsReportedNotAStackTrace(@TempDir Path tmp) {
        assertThat(run("transfer", "--config", tmp.resolve("nope.ini").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read", "nope.ini").doesNotContain("\tat ");
    }

    @Test
    void aRegistryOfANewerFormatStopsTheAgentWithExitTwoNamingTheFile(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve("registry.json"), "{\"version\":99,\"entries\":{}}");
        Path ini = Files.writeString(tmp.resolve("config.ini"), """
                [kafka]
                address=127.0.0.1:1
                [etcd]
                address=127.0.0.1:2
                [agent]
                data_dir=%s
                """.formatted(data));
        assertThat(run("agent", "--config", ini.toString(), "--ip", "10.0.0.1")).isEqualTo(2);
        assertThat(err.toString()).contains(data.resolve("registry.json").toString(), "format version 99",
                "newer logagent").doesNotContain("\tat ");
    }

    @Test
    void versionIsTheBuildsUnlessAPackageStampedItsOwn() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString().strip()).isEqualTo("logagent " + io.logagent.core.BuildVersion.built())
                .doesNotContain("${");
    }
}
