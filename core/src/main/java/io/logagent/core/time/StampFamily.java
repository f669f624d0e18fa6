package io.logagent.core.time;

/** The timestamp formats {@link TimestampRecognizer} knows, named after where they are written. */
public enum StampFamily {
    /** ISO-8601 and RFC 5424, Log4j/Logback/Python defaults, Windows CBS: {@code 2026-11-30T06:13:00.123+01:00}. */
    ISO,
    /** IBM / BlueGene: {@code 2005-06-03-15.42.50.675872}. */
    BGL,
    /** {@code 20171223-22:15:29:606}. */
    COMPACT,
    /** Go and nginx error logs: {@code 2026/11/30 06:13:00}. */
    SLASHED,
    /** {@code 2026.11.30 06:13:00}. */
    DOTTED,
    /** Spark's default log4j layout: {@code 17/06/09 20:10:40}. */
    SPARK,
    /** HDFS: {@code 081109 203615}. */
    HDFS,
    /** Android logcat: {@code 11-30 06:13:00.123}, no year. */
    LOGCAT,
    /** {@code [11.30 06:13:00]}, no year. */
    MONTH_DOT_DAY,
    /** Tomcat: {@code 30-Nov-2026 06:13:00.123}. */
    TOMCAT,
    /** Log4j's DATE: {@code 30 Nov 2026 06:13:00,123}. */
    DAY_MONTH_YEAR,
    /** Apache and nginx access logs: {@code [30/Nov/2026:06:13:00 +0000]}. */
    ACCESS,
    /** Epoch seconds (10 digits, optional fraction) or milliseconds (13 digits) in the prefix. */
    EPOCH,
    /** ctime, Java's Date.toString, Apache error logs: {@code Fri Jul 01 08:16:53 PDT 2005}. */
    CTIME,
    /** Syslog RFC 3164: {@code Nov 30 06:13:00}, optionally followed by a year. */
    SYSLOG,
    /** java.util.logging's SimpleFormatter: {@code Nov 30, 2026 6:13:00 AM}. */
    JUL,
    /** glog / klog: {@code I1130 06:13:00.123456}; the letter is the level. */
    GLOG,
    /** An entry's own {@code timestamp} pattern. */
    CUSTOM
}
