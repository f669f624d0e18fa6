package io.logagent.agent.multiline;

/**
 * Bytes of a file that become one event: a physical line as split by the reader, or several joined by
 * {@link MultilineAggregator}.
 *
 * @param offset         offset of the first byte in the file
 * @param nextOffset     offset just after the last line ending: where reading resumes once this is acknowledged
 * @param value          the bytes without the final line ending, unchanged (not decoded)
 * @param originalLength the length before cutting, or -1 when nothing was cut
 */
public record Line(long offset, long nextOffset, byte[] value, long originalLength) {

    public boolean truncated() {
        return originalLength >= 0;
    }
}
