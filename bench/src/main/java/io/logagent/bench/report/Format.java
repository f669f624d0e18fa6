package io.logagent.bench.report;

import java.util.Locale;

/** Numbers as the tables show them: thousands separators for counts, two decimals at most for the rest. */
public final class Format {
    private Format() {
    }

    static String cell(Object c) {
        if (c == null) {
            return "–";
        }
        if (c instanceof Double d) {
            return num(d);
        }
        if (c instanceof Float f) {
            return num(f);
        }
        if (c instanceof Long || c instanceof Integer) {
            return String.format(Locale.ROOT, "%,d", ((Number) c).longValue());
        }
        return c.toString();
    }

    public static String num(double d) {
        if (Double.isNaN(d)) {
            return "–";
        }
        if (Math.abs(d) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", d);
        }
        if (Math.abs(d) >= 10) {
            return String.format(Locale.ROOT, "%.1f", d);
        }
        return String.format(Locale.ROOT, "%.2f", d);
    }

    public static String ratio(double r) {
        return String.format(Locale.ROOT, "%.2f×", r);
    }
}
