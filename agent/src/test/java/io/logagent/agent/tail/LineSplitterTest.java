package io.logagent.agent.tail;

import io.logagent.agent.multiline.Line;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LineSplitterTest {

    private final List<Line> out = new ArrayList<>();

    private long feed(LineSplitter s, long offset, byte[] bytes) {
        s.feed(ByteBuffer.wrap(bytes), offset, out::add);
        return offset + bytes.length;
    }

    private static String text(Line l) {
        return new String(l.value(), StandardCharsets.UTF_8);
    }

    @Test
    void splitsOnNewlineStripsCrAndTracksOffsetsAcrossReads() {
        LineSplitter s = new LineSplitter(1024, 100);
        long at = feed(s, 100, "one\r\ntw".getBytes(StandardCharsets.UTF_8));
        at = feed(s, at, "o\n\nthree".getBytes(StandardCharsets.UTF_8));
        assertThat(out).extracting(LineSplitterTest::text).containsExactly("one", "two", "");
        assertThat(out).extracting(Line::offset).containsExactly(100L, 105L, 109L);
        assertThat(out).extracting(Line::nextOffset).containsExactly(105L, 109L, 110L);
        assertThat(s.hasPartial()).isTrue();
        Line partial = s.flushPartial();
        assertThat(text(partial)).isEqualTo("three");
        assertThat(partial.nextOffset()).isEqualTo(at);
        assertThat(s.hasPartial()).isFalse();
    }

    @Test
    void bytesPassUnchangedEvenWhenNotUtf8() {
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0xc3, '\t', (byte) 0x80, '\n'};
        feed(new LineSplitter(1024, 0), 0, binary);
        assertThat(out).singleElement().satisfies(l -> {
            assertThat(l.value()).containsExactly((byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0xc3, '\t', (byte) 0x80);
            assertThat(l.truncated()).isFalse();
        });
    }

    @Test
    void lineLongerThanTheMaximumIsCutAndTheRestSkippedUpToTheNewline() {
        LineSplitter s = new LineSplitter(10, 0);
        long at = feed(s, 0, "0123456789abcdef".getBytes(StandardCharsets.UTF_8));
        at = feed(s, at, "ghij\nnext\n".getBytes(StandardCharsets.UTF_8));
        assertThat(out).extracting(LineSplitterTest::text).containsExactly("0123456789", "next");
        assertThat(out.get(0).originalLength()).isEqualTo(20);
        assertThat(out.get(0).nextOffset()).isEqualTo(21);
        assertThat(out.get(1).truncated()).isFalse();
    }

    @Test
    void lineLongerThanTheMaximumWithinOneBufferIsCutToo() {
        feed(new LineSplitter(4, 0), 0, "abcdefgh\nok\n".getBytes(StandardCharsets.UTF_8));
        assertThat(out).extracting(LineSplitterTest::text).containsExactly("abcd", "ok");
        assertThat(out.get(0).originalLength()).isEqualTo(8);
    }
}
