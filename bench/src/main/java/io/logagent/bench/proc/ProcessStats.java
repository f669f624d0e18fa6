package io.logagent.bench.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the kernel knows about one process, read from {@code /proc/<pid>/stat} (user + system CPU, in clock ticks)
 * and {@code /proc/<pid>/status} (VmHWM = peak resident set, VmRSS = current). Linux only, which is what the
 * benchmarks run on. Clock ticks are USER_HZ, 100 on every Linux build that matters here.
 */
public final class ProcessStats {
    private static final double TICKS_PER_SECOND = 100.0;

    /** One reading of a process; {@code fds} is -1 when not read. */
    public record Sample(long pid, long atNanos, double cpuSeconds, long peakRssKb, long rssKb, int fds) {
        public double peakRssMb() {
            return peakRssKb / 1024.0;
        }

        public double rssMb() {
            return rssKb / 1024.0;
        }
    }

    private ProcessStats() {
    }

    /** The process's counters now, or empty if it has exited. */
    public static Optional<Sample> read(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            String stat = Files.readString(proc.resolve("stat"));
            // The command name (field 2) is in parentheses and may contain spaces: count fields after the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
            long hwm = 0;
            long rss = 0;
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                if (line.startsWith("VmHWM:")) {
                    hwm = kb(line);
                } else if (line.startsWith("VmRSS:")) {
                    rss = kb(line);
                }
            }
            return Optional.of(new Sample(pid, System.nanoTime(), ticks / TICKS_PER_SECOND, hwm, rss, fds(proc)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // exited between the two reads, or a half-written stat: treat as gone
        }
    }

    private static int fds(Path proc) {
        try (Stream<Path> s = Files.list(proc.resolve("fd"))) {
            return (int) s.count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static long kb(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
