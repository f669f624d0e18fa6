package io.logagent.cli.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped logback.xml (not the tests' one): one line per event, with level and component, and no colour. */
class LogFormatTest {
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void restoreStderr() {
        System.setErr(originalErr);
        System.clearProperty("logagent.component");
    }

    private Logger configured() throws Exception {
        URL shipped = getClass().getClassLoader().getResource("logback.xml");
        assertThat(shipped).as("cli's logback.xml").isNotNull();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setProperty("logagent.component", "agent");
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(shipped);
        return context.getLogger("io.logagent.agent.Agent");
    }

    @Test
    void anEventWithAStackTraceIsOneLineWithLevelComponentAndCause() throws Exception {
        Logger log = configured();
        log.info("logagent starting");
        log.error("cannot ship", new IllegalStateException("boom", new java.io.IOException("disk full")));

        String[] lines = err.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  agent \\[main] io\\.logagent\\.agent\\.Agent - "
                + "logagent starting");
        assertThat(lines[1]).contains("ERROR agent [main] io.logagent.agent.Agent - cannot ship",
                "java.lang.IllegalStateException: boom | at ", "Caused by: java.io.IOException: disk full");
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("\u001b[", "\t");
    }

    @Test
    void underJournaldTheLineStartsWithTheSyslogPriorityInsteadOfTheTime() {
        assertThat(JournalPrefix.underJournal("8:12345")).isTrue();
        assertThat(JournalPrefix.underJournal(null)).isFalse();
        assertThat(JournalPrefix.priority(Level.ERROR)).isEqualTo(3);
        assertThat(JournalPrefix.priority(Level.WARN)).isEqualTo(4);
        assertThat(JournalPrefix.priority(Level.INFO)).isEqualTo(6);
        assertThat(JournalPrefix.priority(Level.DEBUG)).isEqualTo(7);
    }
}
