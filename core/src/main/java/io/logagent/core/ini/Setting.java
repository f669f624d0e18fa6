package io.logagent.core.ini;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One setting, declared once: where it lives, its type (the parser), its default, what values are valid and
 * what it means. Components declare their settings as constants and read them from an {@link IniSchema}.
 *
 * @param <T> the parsed type
 */
public record Setting<T>(String section, String key, Function<String, T> parser, String defaultValue,
                         Predicate<T> validator, String validRange, String doc) {

    public Setting {
        Objects.requireNonNull(section);
        Objects.requireNonNull(key);
        Objects.requireNonNull(parser);
        Objects.requireNonNull(validator);
        Objects.requireNonNull(doc);
    }

    /** A setting with no default: leaving it out is an error. */
    public boolean required() {
        return defaultValue == null;
    }

    public String qualifiedName() {
        return "[" + section + "] " + key;
    }

    public static Setting<String> string(String section, String key, String def, String doc) {
        return new Setting<>(section, key, s -> s, def, v -> true, "any text", doc);
    }

    public static Setting<Integer> integer(String section, String key, int def, int min, int max, String doc) {
        return new Setting<>(section, key, Integer::parseInt, Integer.toString(def),
                v -> v >= min && v <= max, "an integer from " + min + " to " + max, doc);
    }

    /**
     * A port to listen on, with one meaning in every component: {@code 0} = any free port (the one bound is
     * logged) and, when {@code canBeOff}, {@code -1} = do not listen at all.
     */
    public static Setting<Integer> port(String section, String key, int def, boolean canBeOff, String what) {
        return integer(section, key, def, canBeOff ? -1 : 0, 65_535,
                what + (canBeOff ? ": -1 = off, 0 = any free port (logged)" : ": 0 = any free port (logged)"));
    }

    public static Setting<Long> longValue(String section, String key, long def, long min, long max, String doc) {
        return new Setting<>(section, key, Long::parseLong, Long.toString(def),
                v -> v >= min && v <= max, "an integer from " + min + " to " + max, doc);
    }

    public static Setting<Boolean> bool(String section, String key, boolean def, String doc) {
        return new Setting<>(section, key, Setting::parseBoolean, Boolean.toString(def), v -> true, "true or false", doc);
    }

    private static Boolean parseBoolean(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("not a boolean: " + s);
        };
    }
}
