package io.logagent.core.time;

import java.time.Instant;

/**
 * A timestamp found at the start of a line.
 *
 * @param instant the moment it names
 * @param family  which format it was written in; {@code multiline: auto} starts events only at lines of the family
 *                it learned from a file's first lines
 * @param end     index just after the stamp in the line: where the level column begins
 */
public record Stamp(Instant instant, StampFamily family, int end) {
}
