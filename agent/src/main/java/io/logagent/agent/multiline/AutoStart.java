package io.logagent.agent.multiline;

import io.logagent.core.time.Stamp;
import io.logagent.core.time.StampFamily;
import io.logagent.core.time.TimestampRecognizer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;

/**
 * {@code multiline: auto}: a line starts an event when it begins with a timestamp of the family the file's first
 * stamped line had ({@code 2026-11-30 06:13:00,123 …}); other lines continue the event. Learning the family keeps
 * a continuation that happens to begin with a different stamp-like token (an epoch number in a dumped payload)
 * inside its event. Until a stamp is seen every line is its own event, and a file with no stamp in its first
 * {@link #LEARN_LINES} lines stays line by line. One per file; not thread-safe.
 */
final class AutoStart {

    static final int LEARN_LINES = 100;
    /** Stamps start within the recogniser's prefix; the head is decoded as Latin-1 (stamps are ASCII). */
    private static final int HEAD_BYTES = TimestampRecognizer.MAX_PREFIX_CHARS + 64;

    /** Only the family and position of a stamp matter here, never its instant: the clock's time is unused. */
    private final TimestampRecognizer recognizer = new TimestampRecognizer(Clock.systemUTC());
    private StampFamily learned;
    private int unstamped;

    boolean startsEvent(byte[] line) {
        if (learned == null && unstamped >= LEARN_LINES) {
            return true;
        }
        Stamp stamp = recognizer.recognise(new String(line, 0, Math.min(line.length, HEAD_BYTES),
                StandardCharsets.ISO_8859_1), ZoneOffset.UTC);
        if (learned == null) {
            if (stamp == null) {
                unstamped++;
            } else {
                learned = stamp.family();
            }
            return true;
        }
        return stamp != null && stamp.family() == learned;
    }
}
