package io.logagent.core.time;

import java.time.ZoneOffset;
import java.util.Map;

/**
 * Zone abbreviations as they appear in ctime and PostgreSQL-style stamps ({@code PDT}, {@code CET}). Only names
 * with one usual meaning are listed: an unknown or ambiguous name ({@code IST}) leaves the stamp unparsed rather
 * than risk a wrong time. {@code CST} is read as US Central, as {@code java.time}'s short ids do.
 */
final class ZoneNames {

    private static final Map<String, ZoneOffset> OFFSETS = Map.ofEntries(
            Map.entry("UTC", ZoneOffset.UTC), Map.entry("GMT", ZoneOffset.UTC), Map.entry("UT", ZoneOffset.UTC),
            Map.entry("Z", ZoneOffset.UTC), Map.entry("WET", ZoneOffset.UTC),
            Map.entry("EST", hours(-5)), Map.entry("EDT", hours(-4)), Map.entry("CST", hours(-6)),
            Map.entry("CDT", hours(-5)), Map.entry("MST", hours(-7)), Map.entry("MDT", hours(-6)),
            Map.entry("PST", hours(-8)), Map.entry("PDT", hours(-7)), Map.entry("AKST", hours(-9)),
            Map.entry("AKDT", hours(-8)), Map.entry("HST", hours(-10)),
            Map.entry("WEST", hours(1)), Map.entry("BST", hours(1)), Map.entry("CET", hours(1)),
            Map.entry("MET", hours(1)), Map.entry("CEST", hours(2)), Map.entry("MEST", hours(2)),
            Map.entry("EET", hours(2)), Map.entry("EEST", hours(3)), Map.entry("MSK", hours(3)),
            Map.entry("SGT", hours(8)), Map.entry("HKT", hours(8)), Map.entry("AWST", hours(8)),
            Map.entry("JST", hours(9)), Map.entry("KST", hours(9)), Map.entry("ACST", ZoneOffset.ofHoursMinutes(9, 30)),
            Map.entry("AEST", hours(10)), Map.entry("AEDT", hours(11)), Map.entry("NZST", hours(12)),
            Map.entry("NZDT", hours(13)));

    private ZoneNames() {
    }

    /** The offset a name stands for, or null when the name is unknown or ambiguous. */
    static ZoneOffset offset(String name) {
        return OFFSETS.get(name);
    }

    private static ZoneOffset hours(int h) {
        return ZoneOffset.ofHours(h);
    }
}
