package io.logagent.transfer.document;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class LevelExtractorTest {

    private final LevelExtractor levels = new LevelExtractor();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-30 06:13:00,123 ERROR [main] c.e.App - boom                    | ERROR
            2026-11-30 06:13:00.123  WARN 4242 --- [main] o.s.Boot : careful         | WARN
            2026-11-30 06:13:00,123 [main] DEBUG com.example.Dao - select           | DEBUG
            06:13:00.123 [pool-1] TRACE c.e.X - detail                               | TRACE
            2026-11-30 06:13:00 FATAL out of memory                                  | FATAL
            WARNING:root:disk almost full                                            | WARN
            2026/11/30 06:13:00 [error] 1234#0: *1 open() failed                     | ERROR
            2026/11/30 06:13:00 [notice] 1#1: start worker processes                 | INFO
            [Mon Nov 30 06:13:00 2026] [crit] [client 1.2.3.4] oops                  | FATAL
            time=2026-11-30T06:13:00Z level=warn msg="slow query"                    | WARN
            {"time":"2026-11-30T06:13:00Z","level":"error","msg":"x"}                | ERROR
            {"severity":"Info","message":"hello"}                                    | INFO
            <11>Nov 30 06:13:00 host app: failure                                    | ERROR
            <14>Nov 30 06:13:00 host app: ERROR in text but syslog says info         | INFO
            <8>Nov 30 06:13:00 host kernel: panic                                    | FATAL
            <191>1 2026-11-30T06:13:00Z host app - - - debug                         | DEBUG
            SEVERE: Servlet.service() threw exception                               | ERROR
            2026-11-30 06:13:00 INFO connection ERROR later in the line              | INFO
            E2026 [ERR] disk                                                        | ERROR
            """)
    void recognisesAndNormalises(String line, String expected) {
        assertThat(levels.extract(line)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "user clicked the info button", "127.0.0.1 - - [30/Nov/2026:06:13:00 +0000] \"GET /\" 200",
            "INFORMATION about ERRORS", "warnings were ignored"})
    void findsNoLevelWhereThereIsNone(String line) {
        assertThat(levels.extract(line)).isEmpty();
    }
}
