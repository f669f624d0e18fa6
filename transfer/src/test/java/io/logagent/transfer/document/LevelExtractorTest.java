package io.logagent.transfer.document;

import io.logagent.core.time.Stamp;
import io.logagent.core.time.TimestampRecognizer;
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

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            I1130 06:13:00.123456    12 server.go:42] Listening                   | INFO
            E1130 06:13:00.123456    12 server.go:42] Failed                      | ERROR
            11-30 06:13:00.811  1702  2395 W WindowManager: slow                  | WARN
            F/libc    ( 1234): Fatal signal 11 (SIGSEGV)                           | FATAL
            2016-09-28 04:30:30, Warning               CBS    Failed to open      | WARN
            2026-11-30 06:13:00.123 +01:00 [INF] Hello                            | INFO
            FINER: entering method                                                | TRACE
            Nov 30 06:13:00 web1 sshd[2201]: error: kex_exchange_identification   | ERROR
            Nov 30 06:13:00 web1 postfix/smtpd[1]: warning: hostname x           | WARN
            2026-11-30 06:13:00.123 UTC [42] LOG:  checkpoint starting            | INFO
            [Fri Sep 09 10:42:29.902022 2011] [core:error] [pid 35708] AH00128     | ERROR
            2026-11-30 06:13:00,123 INFO [main] retrying after ERROR 503          | INFO
            """)
    void readsTheLevelColumnAfterTheStamp(String line, String expected) {
        Stamp stamp = new TimestampRecognizer(java.time.Clock.systemUTC()).recognise(line, java.time.ZoneOffset.UTC);
        assertThat(levels.extract(line, stamp)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Nov 30 06:13:00 web1 app[1]: user error count=0", "2026-11-30 06:13:00 Infos follow",
            "Nov 30 06:13:00 web1 app[1]: Reason: error: x", "[10.30 16:49:06] chrome.exe - x:80 error : Could not connect"})
    void isNotFooledByLevelWordsOutsideTheColumn(String line) {
        Stamp stamp = new TimestampRecognizer(java.time.Clock.systemUTC()).recognise(line, java.time.ZoneOffset.UTC);
        assertThat(levels.extract(line, stamp)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "user clicked the info button", "127.0.0.1 - - [30/Nov/2026:06:13:00 +0000] \"GET /\" 200",
            "INFORMATION about ERRORS", "warnings were ignored"})
    void findsNoLevelWhereThereIsNone(String line) {
        assertThat(levels.extract(line)).isEmpty();
    }
}
