package io.logagent.transfer.document;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class TimestampExtractorTest {

    /** "Now" for syslog lines without a year: 2026-12-01 10:00 UTC. */
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private final TimestampExtractor utc = new TimestampExtractor(clock, ZoneOffset.UTC);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-30T06:13:00Z INFO started                                              | 2026-11-30T06:13:00Z
            2026-11-30T06:13:00.123+02:00 worker ready                                     | 2026-11-30T04:13:00.123Z
            2026-11-30T06:13:00.123456789-0500 x                                           | 2026-11-30T11:13:00.123456789Z
            2026-11-30 06:13:00,123 ERROR [main] c.e.App - boom                            | 2026-11-30T06:13:00.123Z
            2026-11-30 06:13:00.123  INFO 4242 --- [nio-8080-exec-1] o.s.w.s.DispatcherServlet | 2026-11-30T06:13:00.123Z
            2026-11-30 06:13:00 +0100 [warn] nginx-ish                                     | 2026-11-30T05:13:00Z
            <34>1 2026-11-30T06:13:00.003Z mymachine.example.com su - ID47 - 'su root' failed | 2026-11-30T06:13:00.003Z
            <13>Nov 30 06:13:00 myhost sshd[123]: Accepted publickey                       | 2026-11-30T06:13:00Z
            Nov  3 06:13:00 myhost kernel: [  0.000000] Linux version                      | 2026-11-03T06:13:00Z
            Dec 31 23:59:59 myhost cron[1]: (root) CMD (run-parts)                         | 2025-12-31T23:59:59Z
            127.0.0.1 - frank [30/Nov/2026:06:13:00 +0000] "GET /apache_pb.gif HTTP/1.0" 200 2326 | 2026-11-30T06:13:00Z
            10.0.0.1 - - [30/Nov/2026:08:13:00 +0200] "POST /api HTTP/1.1" 500 12 "-" "curl/8.0" | 2026-11-30T06:13:00Z
            2026/11/30 06:13:00 [error] 1234#0: *1 open() failed (2: No such file)         | 2026-11-30T06:13:00Z
            2026/11/30 06:13:00.5 main.go:42: listening on :8080                           | 2026-11-30T06:13:00.500Z
            [Mon Nov 30 06:13:00.123456 2026] [core:error] [pid 1234] AH00037              | 2026-11-30T06:13:00.123456Z
            30-Nov-2026 06:13:00.123 INFO [main] org.apache.catalina.startup.Catalina.start | 2026-11-30T06:13:00.123Z
            {"time":"2026-11-30T06:13:00.5Z","level":"info","msg":"hi"}                    | 2026-11-30T06:13:00.500Z
            """)
    void recognisesCommonFormats(String line, String expected) {
        assertThat(utc.extract(line)).contains(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain message without a date", "build 12345 took 2026 ms",
            "2026-13-45 99:99:99 not a date", "version 1.2.3-2026.11.30", "Nov 31 25:61:00 nonsense",
            "I1130 prefix then 2026-11-30T06:13:00Z later", "job from 2020-01-01T00:00:00Z finished"})
    void leavesLinesWithoutTimestampAlone(String line) {
        assertThat(utc.extract(line)).isEmpty();
    }

    @Test
    void earliestTimestampInTheLineWins() {
        assertThat(utc.extract("Nov 30 06:13:00 host app: job from 2020-01-01T00:00:00Z finished"))
                .contains(Instant.parse("2026-11-30T06:13:00Z"));
    }

    @Test
    void zonelessStampsUseTheConfiguredZone() {
        TimestampExtractor berlin = new TimestampExtractor(clock, ZoneId.of("Europe/Berlin"));
        assertThat(berlin.extract("2026-11-30 06:13:00,123 INFO x")).contains(Instant.parse("2026-11-30T05:13:00.123Z"));
        assertThat(berlin.extract("2026-11-30T06:13:00Z INFO x")).contains(Instant.parse("2026-11-30T06:13:00Z"));
    }

    @Test
    void onlyTheHeadOfALongLineIsSearched() {
        String line = "x1 ".repeat(io.logagent.core.time.TimestampRecognizer.MAX_PREFIX_CHARS) + " 2026-11-30T06:13:00Z";
        assertThat(utc.extract(line)).isEmpty();
    }
}
