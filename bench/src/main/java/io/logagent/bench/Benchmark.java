package io.logagent.bench;

import io.logagent.bench.report.Section;

/** One benchmark of the list: runs against the context's servers and returns its table and goals. */
public interface Benchmark {
    /** The name used on the command line, e.g. {@code agent-throughput}. */
    String name();

    Section run(BenchContext ctx) throws Exception;
}
