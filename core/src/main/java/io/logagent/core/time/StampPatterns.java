package io.logagent.core.time;

import java.util.regex.Pattern;

/**
 * The regexes of {@link TimestampRecognizer}, one per family, each used with {@code lookingAt} at one position: a
 * pattern is only tried where the line's first characters already have its shape, so a line costs one or two
 * anchored matches, never a scan. Groups are numbered per family as its reader in the recogniser expects.
 */
final class StampPatterns {

    static final String MON = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
    /** {@code .123}, {@code ,123} and {@code :123} ({@code 06:13:00:123}); what follows is checked per pattern. */
    private static final String FRACTION = "(?:[.,:](\\d{1,9}))?";
    /** Hour, minute, second, fraction: four groups. */
    private static final String TIME = "(\\d{2}):(\\d{2}):(\\d{2})" + FRACTION;

    /** y M d H m s f, then Z or a numeric offset. A zone name after it is read by the recogniser. */
    static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})[T ]" + TIME
            + "(?:(Z)|\\s?([+-]\\d{2}(?::?\\d{2})?))?(?!\\d)");
    static final Pattern BGL = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})-(\\d{2})\\.(\\d{2})\\.(\\d{2})(?:\\.(\\d{1,9}))?(?!\\d)");
    static final Pattern COMPACT = Pattern.compile(
            "(\\d{4})(\\d{2})(\\d{2})-(\\d{2}):(\\d{2}):(\\d{2})(?:[:.,](\\d{1,9}))?(?!\\d)");
    static final Pattern SLASHED = Pattern.compile("(\\d{4})/(\\d{2})/(\\d{2})[ T]" + TIME + "(?!\\d)");
    static final Pattern DOTTED = Pattern.compile("(\\d{4})\\.(\\d{2})\\.(\\d{2})[ T]" + TIME + "(?!\\d)");
    /** yy M d H m s f. */
    static final Pattern SPARK = Pattern.compile("(\\d{2})/(\\d{2})/(\\d{2}) " + TIME + "(?!\\d)");
    /** yy M d H m s. */
    static final Pattern HDFS = Pattern.compile("(\\d{2})(\\d{2})(\\d{2}) (\\d{2})(\\d{2})(\\d{2})(?![\\d:.])");
    /** M d H m s f. */
    static final Pattern LOGCAT = Pattern.compile("(\\d{2})-(\\d{2}) " + TIME + "(?!\\d)");
    /** M d H m s f. */
    static final Pattern MONTH_DOT_DAY = Pattern.compile("(\\d{2})\\.(\\d{2}) " + TIME + "(?!\\d)");
    /** d Mon y H m s f. */
    static final Pattern TOMCAT = Pattern.compile("(\\d{2})-" + MON + "-(\\d{4}) " + TIME + "(?!\\d)");
    /** d Mon y H m s f. */
    static final Pattern DAY_MONTH_YEAR = Pattern.compile("(\\d{1,2}) " + MON + " (\\d{4}) " + TIME + "(?!\\d)");
    /** d Mon y H m s f offset. */
    static final Pattern ACCESS = Pattern.compile("(\\d{2})/" + MON + "/(\\d{4}):" + TIME
            + "(?: ([+-]\\d{4}))?\\]");
    /** seconds fraction | millis. */
    static final Pattern EPOCH = Pattern.compile("(?:([1-4]\\d{9})(?:\\.(\\d{1,9}))?|([1-4]\\d{12}))(?=[\\s,;|\\]]|$)");
    /** Mon d H m s f zone y. */
    static final Pattern CTIME = Pattern.compile("(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) " + MON + " {1,2}(\\d{1,2}) " + TIME
            + "(?: ([A-Z]{1,5}|[+-]\\d{4}))? (\\d{4})(?!\\d)");
    /** Mon d H m s f y. */
    static final Pattern SYSLOG = Pattern.compile(MON + " {1,2}(\\d{1,2}) " + TIME + "(?: (\\d{4})(?!\\d))?(?!\\d)");
    /** Cisco: Mon d y H m s f. */
    static final Pattern SYSLOG_YEAR = Pattern.compile(MON + " {1,2}(\\d{1,2}) (\\d{4}) " + TIME + "(?![\\d])");
    /** Mon d y h m s AM/PM. */
    static final Pattern JUL = Pattern.compile(MON + " (\\d{1,2}), (\\d{4}) (\\d{1,2}):(\\d{2}):(\\d{2}) ([AP]M)\\b");
    /** level M d H m s micros. */
    static final Pattern GLOG = Pattern.compile("([IWEF])(\\d{2})(\\d{2}) " + TIME + "(?= )");
    /** A region zone id written after a stamp: {@code Europe/Berlin}, {@code America/Argentina/Salta}. */
    static final Pattern ZONE_REGION = Pattern.compile(
            "(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)/[A-Za-z_+-]+(?:/[A-Za-z_]+)?(?![\\w/])");
    /** A date without a time in a line's prefix ({@code 2005.11.09}): gives the year to a stamp that has none. */
    static final Pattern PREFIX_DATE = Pattern.compile("((?:19|20)\\d{2})[./-]\\d{2}[./-]\\d{2}(?!\\d)");
    /** The field of a JSON line that holds its time: {@code {"time":"…"}} or {@code {"ts":1700000000.123}}. */
    static final Pattern JSON_TIME = Pattern.compile(
            "\"(?:@timestamp|timestamp|time|ts|date|datetime|asctime|@t|t)\"\\s*:\\s*(?:\\{\\s*\"\\$date\"\\s*:\\s*)?\"?");

    private StampPatterns() {
    }
}
