package io.logagent.console.monitor.series;

import java.time.Instant;
import java.util.OptionalDouble;

/** Reads one figure of the pipeline for the sample taken at {@code now}; empty = no value this time (a gap). */
@FunctionalInterface
public interface Probe {
    OptionalDouble sample(Instant now) throws Exception;
}
