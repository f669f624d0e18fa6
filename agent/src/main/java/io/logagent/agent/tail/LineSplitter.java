package io.logagent.agent.tail;

import io.logagent.agent.multiline.Line;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits a file's bytes into lines on {@code \n}, dropping a {@code \r} before it; bytes are never decoded, so
 * invalid UTF-8 and binary pass unchanged. Not thread-safe: owned by one harvester.
 *
 * <p>Memory per file is bounded by {@code maxLineBytes}: a longer line keeps its first {@code maxLineBytes}
 * bytes, the rest is skipped up to the newline and the line carries its original length.
 */
final class LineSplitter {

    private static final int INITIAL_PARTIAL = 4096;

    private final int maxLineBytes;
    private byte[] partial = new byte[INITIAL_PARTIAL];
    private int partialLength;
    /** Offset of the first byte of the unfinished line, and of the first byte not yet fed. */
    private long lineStart;
    private long consumed;
    /** Bytes of the unfinished line including those skipped past maxLineBytes. */
    private long lineLength;

    LineSplitter(int maxLineBytes, long startOffset) {
        this.maxLineBytes = maxLineBytes;
        reset(startOffset);
    }

    /** Feeds bytes read at {@code offset} (which must follow what was fed before); complete lines go to {@code out}. */
    void feed(ByteBuffer buf, long offset, Consumer<Line> out) {
        if (offset != consumed) {
            throw new IllegalStateException("fed offset " + offset + " but expected " + consumed);
        }
        byte[] array = buf.array();
        int pos = buf.arrayOffset() + buf.position();
        int end = buf.arrayOffset() + buf.limit();
        while (pos < end) {
            int newline = indexOf(array, pos, end);
            int stop = newline < 0 ? end : newline;
            if (newline >= 0 && partialLength == 0 && lineLength == 0 && stop - pos <= maxLineBytes) {
                // The common case: the whole line is in the buffer, one copy.
                long lineOffset = consumed;
                int len = stop > pos && array[stop - 1] == '\r' ? stop - pos - 1 : stop - pos;
                consumed += stop + 1 - pos;
                lineStart = consumed;
                out.accept(new Line(lineOffset, consumed, Arrays.copyOfRange(array, pos, pos + len), -1));
            } else {
                keep(array, pos, stop - pos);
                consumed += stop - pos;
                if (newline >= 0) {
                    consumed += 1;
                    out.accept(finishLine(consumed));
                }
            }
            pos = newline < 0 ? end : newline + 1;
        }
    }

    boolean hasPartial() {
        return lineLength > 0;
    }

    /** The unfinished line as a line of its own (idle timeout or end of a rotated file), or null if none. */
    Line flushPartial() {
        return hasPartial() ? finishLine(consumed) : null;
    }

    /** Drops any unfinished line; the next feed starts at {@code offset}. */
    void reset(long offset) {
        lineStart = offset;
        consumed = offset;
        partialLength = 0;
        lineLength = 0;
        if (partial.length > INITIAL_PARTIAL) {
            partial = new byte[INITIAL_PARTIAL];
        }
    }

    private void keep(byte[] array, int from, int length) {
        lineLength += length;
        int take = Math.min(length, maxLineBytes - partialLength);
        if (take > 0) {
            if (partialLength + take > partial.length) {
                partial = Arrays.copyOf(partial, Math.min(maxLineBytes, Math.max(partialLength + take, partial.length * 2)));
            }
            System.arraycopy(array, from, partial, partialLength, take);
            partialLength += take;
        }
    }

    private Line finishLine(long nextOffset) {
        boolean cut = lineLength > partialLength;
        int len = partialLength;
        long original = lineLength;
        if (!cut && len > 0 && partial[len - 1] == '\r') {
            len--;
        }
        Line line = new Line(lineStart, nextOffset, Arrays.copyOf(partial, len), cut ? original : -1);
        lineStart = nextOffset;
        partialLength = 0;
        lineLength = 0;
        if (partial.length > 64 << 10) {
            partial = new byte[INITIAL_PARTIAL]; // give back what one huge line took
        }
        return line;
    }

    private static int indexOf(byte[] array, int from, int to) {
        for (int i = from; i < to; i++) {
            if (array[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
