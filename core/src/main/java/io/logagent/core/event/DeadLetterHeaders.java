package io.logagent.core.event;

import io.logagent.core.ini.Setting;

/**
 * The dead-letter topic and the {@code dl.*} headers the transfer adds to a record the index refused (besides the
 * original record's own {@link LogHeaders}). Declared here once: the transfer writes them, the console reads them.
 * Values are UTF-8 text.
 */
public final class DeadLetterHeaders {
    /** The index's error: HTTP status and reason, at most 4000 characters. */
    public static final String REASON = "dl.reason";
    /** The topic, partition and offset the refused record was consumed from. */
    public static final String TOPIC = "dl.topic";
    public static final String PARTITION = "dl.partition";
    public static final String OFFSET = "dl.offset";
    /** The index the document was refused by. */
    public static final String INDEX = "dl.index";

    /** Shared by the transfer (which writes there) and the console (which shows the most recent ones). */
    public static final Setting<String> TOPIC_SETTING = Setting.string("kafka", "dead_letter_topic",
            "logagent-dead-letter", "records the index refuses for their content go here with dl.* headers");

    private DeadLetterHeaders() {
    }
}
