package io.logagent.console.search;

import java.time.Instant;
import java.util.List;

/**
 * Two daily indices behind one alias, as the transfer writes them: both map {@code fields.env} as a keyword, only
 * the second has the JSON keys {@code json.user} (keyword) and {@code json.note} (text with a keyword sub-field).
 * Lines: env prod ×3 (one ERROR), staging ×1, none ×1; users alice ×2, bob ×1.
 */
public final class FieldFacetSeed {

    static final String DAY1_MAPPING = OpenSearchSeed.MAPPING.replace("\"offset\":{\"type\":\"long\"}",
            "\"offset\":{\"type\":\"long\"},\"fields\":{\"properties\":{\"env\":{\"type\":\"keyword\"}}}");
    static final String DAY2_MAPPING = DAY1_MAPPING.replace("\"offset\":{\"type\":\"long\"}",
            "\"offset\":{\"type\":\"long\"},\"json\":{\"properties\":{\"user\":{\"type\":\"keyword\"},"
                    + "\"note\":{\"type\":\"text\",\"fields\":{\"raw\":{\"type\":\"keyword\"}}}}}");

    private FieldFacetSeed() {
    }

    public static void seed(String osUrl, String alias, Instant now) throws Exception {
        OpenSearchSeed.createIndex(osUrl, alias + "-day1", List.of(alias), DAY1_MAPPING);
        OpenSearchSeed.createIndex(osUrl, alias + "-day2", List.of(alias), DAY2_MAPPING);
        OpenSearchSeed.index(osUrl, alias + "-day1", List.of(
                doc(now.minusSeconds(300), "INFO", "\"fields\":{\"env\":\"prod\"}"),
                doc(now.minusSeconds(290), "ERROR", "\"fields\":{\"env\":\"prod\"}"),
                doc(now.minusSeconds(280), "INFO", "\"fields\":{\"env\":\"staging\"}")));
        OpenSearchSeed.index(osUrl, alias + "-day2", List.of(
                doc(now.minusSeconds(200), "INFO", "\"fields\":{\"env\":\"prod\"},\"json\":{\"user\":\"alice\",\"note\":\"a b\"}"),
                doc(now.minusSeconds(190), "WARN", "\"json\":{\"user\":\"alice\"}"),
                doc(now.minusSeconds(180), "INFO", "\"json\":{\"user\":\"bob\"}")));
    }

    private static String doc(Instant time, String level, String more) {
        return "{\"@timestamp\":\"" + time + "\",\"host\":\"10.1.0.1\",\"path\":\"/var/log/f.log\",\"level\":\"" + level
                + "\",\"topic\":\"facets\",\"message\":\"line at " + time + "\"," + more + "}";
    }
}
