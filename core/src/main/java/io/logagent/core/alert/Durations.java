package io.logagent.core.alert;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The short durations rules are written in: {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d} (a whole number and a unit). */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*(s|m|h|d)");
    public static final String FORMS = "a whole number with a unit s, m, h or d, e.g. \"30s\", \"5m\", \"1h\"";

    private Durations() {
    }

    public static Optional<Duration> parse(String text) {
        Matcher m = SHORT.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        });
    }

    /** The shortest exact form: {@code 90s} stays {@code 90s}, {@code 3600s} is {@code 1h}. */
    public static String format(Duration d) {
        long s = d.toSeconds();
        if (s != 0 && s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s != 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
