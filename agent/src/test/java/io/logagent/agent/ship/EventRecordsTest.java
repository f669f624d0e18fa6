package io.logagent.agent.ship;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class EventRecordsTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 7, 9, 10, 99, 100, 123_456_789, Long.MAX_VALUE})
    void offsetsAreDecimalAscii(long value) {
        assertThat(new String(EventRecords.decimal(value), StandardCharsets.US_ASCII)).isEqualTo(Long.toString(value));
    }
}
