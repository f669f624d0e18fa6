package io.logagent.core.time;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimestampRecognizerTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private final TimestampRecognizer recognizer = new TimestampRecognizer(clock);

    private Instant at(String line) {
        Stamp s = recognizer.recognise(line, ZoneOffset.UTC);
        return s == null ? null : s.instant();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            081109 203615 148 INFO dfs.DataNode: x                   | 2008-11-09T20:36:15Z       | HDFS
            17/06/09 20:10:40 INFO spark.SecurityManager: x          | 2017-06-09T20:10:40Z       | SPARK
            '20171223-22:15:29:606|Step_LSC|30002312|x'              | 2017-12-23T22:15:29.606Z   | COMPACT
            2005-06-03-15.42.50.675872 R02-M1-N0 RAS KERNEL INFO x   | 2005-06-03T15:42:50.675872Z | BGL
            [10.30 16:49:06] chrome.exe - x                          | 2026-10-30T16:49:06Z       | MONTH_DOT_DAY
            12-25 16:13:38.811  1702  2395 D WindowManager: x        | 2025-12-25T16:13:38.811Z   | LOGCAT
            1131566461 x                                             | 2005-11-09T20:01:01Z       | EPOCH
            - 1131566461 2005.11.09 dn228 Nov 9 12:01:01 dn228 x     | 2005-11-09T20:01:01Z       | EPOCH
            1700000000123 x                                          | 2023-11-14T22:13:20.123Z   | EPOCH
            Fri Jul 01 08:16:53 PDT 2005 x                           | 2005-07-01T15:16:53Z       | CTIME
            <165>1 2003-10-11T22:14:15.003-07:00 host app - ID47 - x | 2003-10-12T05:14:15.003Z   | ISO
            2016-09-28 04:30:30, Info CBS x                          | 2016-09-28T04:30:30Z       | ISO
            2026-11-30 06:13:00.123 CET [42] LOG:  x                 | 2026-11-30T05:13:00.123Z   | ISO
            2026-11-30T06:13:00+01 x                                 | 2026-11-30T05:13:00Z       | ISO
            nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:00:00.008 25746 INFO x | 2017-05-16T00:00:00.008Z | ISO
            2005.11.09 dn228 Nov  9 12:01:01 dn228/dn228 crond: x    | 2005-11-09T12:01:01Z       | SYSLOG
            Dec 24 23:00:00 host app: x                              | 2025-12-24T23:00:00Z       | SYSLOG
            127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /"   | 2000-10-10T20:55:36Z       | ACCESS
            I1130 06:13:00.123456    12 server.go:42] x              | 2026-11-30T06:13:00.123456Z | GLOG
            Nov 30, 2026 6:13:00 PM org.apache.Foo bar               | 2026-11-30T18:13:00Z       | JUL
            time=2026-11-30T06:13:00Z level=info msg=x               | 2026-11-30T06:13:00Z       | ISO
            {"level":"info","ts":1764483180.5,"msg":"x"}             | 2025-11-30T06:13:00.500Z   | EPOCH
            """)
    void recognisesEachFamily(String line, String expected, StampFamily family) {
        Stamp s = recognizer.recognise(line, ZoneOffset.UTC);
        assertThat(s).isNotNull();
        assertThat(s.instant()).isEqualTo(Instant.parse(expected));
        assertThat(s.family()).isEqualTo(family);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Started job at 2026-11-30 06:13:00", "version 2.10.3 built Nov 30 06:13:00",
            "12345 records since 2026-11-30 06:13:00", "10.0.0.7:8080 up since 2026-11-30 06:13:00",
            "Fri Jul 01 08:16:53 IST 2005 ambiguous zone", "x 1131566461 not the first token", "2026-11-30 only a date",
            "Duration: 00:12:34.567", "", "   "})
    void takesNoDateFromTheMessageAndNoneItCannotBeSureOf(String line) {
        assertThat(at(line)).isNull();
    }

    @Test
    void aStampWithoutZoneIsReadInTheCallersZoneAndItsOwnZoneWins() {
        ZoneId la = ZoneId.of("America/Los_Angeles");
        assertThat(recognizer.recognise("2026-07-01 08:00:00 x", la).instant()).isEqualTo(Instant.parse("2026-07-01T15:00:00Z"));
        assertThat(recognizer.recognise("2026-07-01T08:00:00Z x", la).instant()).isEqualTo(Instant.parse("2026-07-01T08:00:00Z"));
    }

    @Test
    void aStampWithoutYearIsPlacedBeforeTheReadTimeNotTheProcessingTime() {
        Instant readLastSpring = Instant.parse("2025-03-01T00:00:00Z");
        assertThat(recognizer.recognise("Feb 10 06:13:00 host app: x", ZoneOffset.UTC, readLastSpring).instant())
                .isEqualTo(Instant.parse("2025-02-10T06:13:00Z"));
        assertThat(recognizer.recognise("Jun 10 06:13:00 host app: x", ZoneOffset.UTC, readLastSpring).instant())
                .isEqualTo(Instant.parse("2024-06-10T06:13:00Z"));
        assertThat(recognizer.recognise("1764483180 x", ZoneOffset.UTC, readLastSpring))
                .as("an epoch after the read time is no time").isNull();
    }

    @Test
    void theStampsEndIsWhereTheLevelColumnStarts() {
        String line = "2026-11-30 06:13:00,123 ERROR x";
        assertThat(line.substring(recognizer.recognise(line, ZoneOffset.UTC).end())).isEqualTo(" ERROR x");
    }

    @Test
    void anEntrysOwnFormatIsReadAtTheStartOrInItsRegexGroup() {
        TimestampFormat start = TimestampFormat.of("yyMMdd HHmmss", null);
        assertThat(start.parse("081109 203615 x", ZoneOffset.UTC, clock.instant()).instant()).isEqualTo(Instant.parse("2008-11-09T20:36:15Z"));
        assertThat(start.parse("x 081109 203615", ZoneOffset.UTC, clock.instant())).isNull();
        TimestampFormat group = TimestampFormat.of("dd.MM HH:mm", "at (?<ts>[\\d.]+ [\\d:]+)");
        Stamp s = group.parse("job ran at 24.12 23:00 ok", ZoneOffset.ofHours(1), clock.instant());
        assertThat(s.instant()).as("no year, ahead of now: last year").isEqualTo(Instant.parse("2025-12-24T22:00:00Z"));
        assertThatThrownBy(() -> TimestampFormat.of("yyyy-bb", null)).hasMessageContaining("not a java.time pattern");
        assertThatThrownBy(() -> TimestampFormat.of("HH:mm", null)).hasMessageContaining("must name");
        assertThatThrownBy(() -> TimestampFormat.of("HH:mm dd.MM", "(?<x>.)")).hasMessageContaining("(?<ts>");
    }
}
