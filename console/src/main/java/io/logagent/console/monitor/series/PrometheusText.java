package io.logagent.console.monitor.series;

/**
 * Reads one sample family from Prometheus text exposition (what every component's {@code /metrics} serves): the sum
 * over all label sets of the samples named exactly {@code name}. Enough for counters and timer sums; not a full parser.
 */
final class PrometheusText {

    private PrometheusText() {
    }

    static double total(String text, String name) {
        double total = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(name)) {
                continue;
            }
            int end = name.length();
            if (line.length() <= end || (line.charAt(end) != ' ' && line.charAt(end) != '{')) {
                continue; // another metric whose name starts the same
            }
            int valueAt = line.charAt(end) == '{' ? line.indexOf("} ", end) + 2 : end + 1;
            String[] parts = line.substring(valueAt).trim().split("\\s+"); // value [timestamp]
            total += Double.parseDouble(parts[0]);
        }
        return total;
    }
}
