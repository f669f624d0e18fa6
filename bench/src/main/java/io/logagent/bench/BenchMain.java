package io.logagent.bench;

import io.logagent.bench.agent.AgentThroughputBench;
import io.logagent.bench.agent.AgentCostBench;
import io.logagent.bench.agent.AgentOutageBench;
import io.logagent.bench.agent.ReloadLatencyBench;
import io.logagent.bench.agent.RotationBench;
import io.logagent.bench.agent.ScaleBench;
import io.logagent.bench.etcd.EtcdClientWeightBench;
import io.logagent.bench.pipeline.EndToEndLatencyBench;
import io.logagent.bench.pipeline.SearchLatencyBench;
import io.logagent.bench.pipeline.TransferThroughputBench;
import io.logagent.bench.cluster.Servers;
import io.logagent.bench.proc.Children;
import io.logagent.bench.report.Report;
import io.logagent.bench.report.Section;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bin/bench [NAME…]}: runs the named benchmarks (or all) in one run, prints the tables, writes BENCHMARKS.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Runs logagent's benchmarks side by side with their peers and writes BENCHMARKS.md.")
public final class BenchMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(BenchMain.class);

    @Parameters(arity = "0..*", paramLabel = "NAME", description = "benchmarks to run (default: all): ${COMPLETION-CANDIDATES}")
    List<String> names = new ArrayList<>();

    @Option(names = "--quick", description = "smoke run: sizes and durations divided by about 10")
    boolean quick;

    @Option(names = "--home", required = true, description = "the project directory (where ./logagent is)")
    Path home;

    @Option(names = "--work-dir", description = "scratch directory (default: HOME/bench/target/run)")
    Path workDir;

    @Option(names = "--out", description = "report file (default: HOME/BENCHMARKS.md)")
    Path out;

    @Option(names = "--machine", description = "file with the machine description to put in the report")
    Path machine;

    @Option(names = "--search-docs", defaultValue = "2000000",
            description = "documents loaded for search-latency (default: ${DEFAULT-VALUE}; the issue's size is 10000000)")
    long searchDocs;

    @Option(names = "--command", defaultValue = "bin/bench", description = "the command line shown in the report")
    String command;

    /** A benchmark that fails is reported as such; the others still run. */
    private static Section runOne(Benchmark b, BenchContext ctx) {
        try {
            return b.run(ctx);
        } catch (Exception e) {
            LOG.error("{} failed", b.name(), e);
            return new Section(b.name(), "FAILED", List.of("error"))
                    .row(String.valueOf(e).replace('|', '/').replace('\n', ' '))
                    .goal("the benchmark ran", "failed: " + e.getClass().getSimpleName(), false);
        } finally {
            ctx.children().closeAll(); // nothing of one benchmark runs into the next
        }
    }

    Map<String, Benchmark> all() {
        Map<String, Benchmark> all = new LinkedHashMap<>();
        for (Benchmark b : List.<Benchmark>of(new AgentThroughputBench(), new AgentCostBench(), new AgentOutageBench(),
                new TransferThroughputBench(), new EndToEndLatencyBench(), new ReloadLatencyBench(),
                new SearchLatencyBench(searchDocs), new ScaleBench(), new RotationBench(), new EtcdClientWeightBench())) {
            all.put(b.name(), b);
        }
        return all;
    }

    @Override
    public Integer call() throws Exception {
        Map<String, Benchmark> known = all();
        List<Benchmark> selected = new ArrayList<>();
        if (names.isEmpty() || names.contains("all")) {
            selected.addAll(known.values());
        } else {
            for (String n : names) {
                Benchmark b = known.get(n);
                if (b == null) {
                    throw new CommandLine.ParameterException(new CommandLine(this),
                            "unknown benchmark '" + n + "'; known: " + String.join(", ", known.keySet()) + ", all");
                }
                selected.add(b);
            }
        }
        Path home = this.home.toAbsolutePath().normalize();
        Path work = (workDir != null ? workDir : home.resolve("bench/target/run")).toAbsolutePath();
        wipe(work); // fresh servers, topics and agent offsets every run: a previous run's state would skew it
        Files.createDirectories(work);
        Report report = new Report(machine != null ? Files.readString(machine) : "(not given)", command);
        List<Section> sections = new ArrayList<>();
        Children children = new Children();
        try (Servers servers = new Servers(work.resolve("servers"))) {
            BenchContext ctx = new BenchContext(home, work, servers, children, quick);
            for (Benchmark b : selected) {
                LOG.info("=== {} ===", b.name());
                sections.add(runOne(b, ctx));
                System.out.println(report.render(sections.subList(sections.size() - 1, sections.size())));
            }
        } finally {
            children.closeAll();
        }
        Path file = out != null ? out : home.resolve("BENCHMARKS.md");
        report.write(file, sections);
        System.out.println(report.render(sections));
        System.out.println("written to " + file);
        return 0;
    }

    private static void wipe(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }
}
