package io.logagent.core.collect;

import io.logagent.core.collect.CollectEntry.RecordKey;
import io.logagent.core.collect.CollectEntry.StartPosition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CollectConfigCodecTest {

    private final CollectConfigCodec codec = new CollectConfigCodec();

    @Test
    void readsTheSeedsJson() throws Exception {
        List<CollectEntry> entries = codec.parse("""
                [{"path":"/var/log/nginx/access.log","topic":"web_log"},
                 {"path":"/var/log/app/*.log","topic":"app_log","module":"app"}]""");
        assertThat(entries).containsExactly(
                CollectEntry.of("/var/log/nginx/access.log", "web_log"),
                new CollectEntry("/var/log/app/*.log", "app_log", "app", null, null, null, null, null, null, 0, null));
        assertThat(entries.get(0).from()).isEqualTo(StartPosition.END);
    }

    @Test
    void blankOrNullMeansCollectNothing() throws Exception {
        assertThat(codec.parse("")).isEmpty();
        assertThat(codec.parse("null")).isEmpty();
        assertThat(codec.parse("[]")).isEmpty();
    }

    @Test
    void invalidJsonIsReportedWithPosition() {
        assertThatThrownBy(() -> codec.parse("[{\"path\":\"/a\",\"topic\":}]"))
                .isInstanceOf(CollectConfigException.class)
                .hasMessageContaining("invalid JSON").hasMessageContaining("line 1");
        assertThatThrownBy(() -> codec.parse("{\"path\":\"/a\"}")).hasMessageContaining("expected a JSON list");
    }

    @Test
    void everyProblemOfEveryEntryIsListed() {
        CollectConfigException e = org.junit.jupiter.api.Assertions.assertThrows(CollectConfigException.class,
                () -> codec.parse("""
                        [{"path":"relative.log","topic":"bad topic!","pth":"x"},
                         {"topic":"t"},
                         {"path":"/a","topic":"t","include_lines":["("],"rate_limit":-1,"key":"field:nope"},
                         {"path":"/b","topic":"t","from":"middle","multiline":{"pattern":"^x","max_lines":0}}]"""));
        assertThat(e.problems()).anyMatch(p -> p.startsWith("entry 1: unknown field 'pth'"))
                .anyMatch(p -> p.contains("entry 1: path 'relative.log' must be absolute"))
                .anyMatch(p -> p.contains("entry 1: topic 'bad topic!'"))
                .anyMatch(p -> p.equals("entry 2: missing 'path'"))
                .anyMatch(p -> p.contains("entry 3: 'include_lines' is not a valid regular expression"))
                .anyMatch(p -> p.contains("entry 3") && p.contains("rate_limit"))
                .anyMatch(p -> p.contains("entry 3: 'key' must be"))
                .anyMatch(p -> p.contains("entry 4: 'from'"))
                .anyMatch(p -> p.contains("entry 4: multiline") && p.contains("max_lines"));
    }

    @Test
    void duplicateEntriesAreRejected() {
        assertThatThrownBy(() -> codec.parse("[{\"path\":\"/a\",\"topic\":\"t\"},{\"path\":\"/a\",\"topic\":\"t\"}]"))
                .hasMessageContaining("entry 2: duplicate");
    }

    @Test
    void fullEntryRoundTripsThroughWrite() throws Exception {
        String json = """
                [{"path":"/var/log/app/**/*.log","topic":"app","from":"beginning","multiline":"java",
                  "fields":{"env":"prod","dc":1},"include_lines":["ERROR"],"exclude_lines":["DEBUG"],
                  "exclude_files":["*.gz"],"rate_limit":1000,"key":"field:env"}]""";
        List<CollectEntry> entries = codec.parse(json);
        CollectEntry e = entries.get(0);
        assertThat(e.from()).isEqualTo(StartPosition.BEGINNING);
        assertThat(e.fields()).containsEntry("dc", "1");
        assertThat(e.key()).isEqualTo(new RecordKey(RecordKey.Kind.FIELD, "env"));
        assertThat(codec.parse(codec.write(entries))).isEqualTo(entries);
        assertThat(codec.write(List.of(CollectEntry.of("/a", "t")))).doesNotContain("from").doesNotContain("key");
    }

    @Test
    void javaMultilinePatternStartsEventsOnlyAtNonContinuationLines() {
        Pattern start = Pattern.compile(CollectEntry.Multiline.JAVA_START_PATTERN);
        assertThat(start.matcher("2026-11-30 ERROR boom").find()).isTrue();
        assertThat(start.matcher("java.lang.IllegalStateException: x").find()).isFalse(); // follows its log line
        assertThat(start.matcher("com.example.BadThing").find()).isFalse();
        assertThat(start.matcher("Exception in thread \"main\" java.lang.Error").find()).isTrue();
        assertThat(start.matcher("\tat com.x.Y.z(Y.java:1)").find()).isFalse();
        assertThat(start.matcher("Caused by: java.io.IOException").find()).isFalse();
        assertThat(start.matcher("\t... 12 more").find()).isFalse();
        assertThat(start.matcher("... 3 more").find()).isFalse();
    }

    @Test
    void timeZoneTimestampAndPresetsRoundTrip() throws Exception {
        String json = """
                [{"path":"/a","topic":"t","time_zone":"America/Los_Angeles","timestamp":{"pattern":"yyMMdd HHmmss"},
                  "multiline":"python"},
                 {"path":"/b","topic":"t","timestamp":{"pattern":"dd.MM.yyyy HH:mm","regex":"^[^ ]+ (?<ts>[^|]+)"},
                  "multiline":{"preset":"auto","max_lines":20}},
                 {"path":"/c","topic":"t","multiline":"go"}]""";
        List<CollectEntry> entries = codec.parse(json);
        assertThat(entries.get(0).timeZone()).isEqualTo("America/Los_Angeles");
        assertThat(entries.get(0).timestamp()).isEqualTo(new CollectEntry.TimestampSpec("yyMMdd HHmmss", null));
        assertThat(entries.get(0).multiline().startPattern()).isEqualTo(CollectEntry.Multiline.PYTHON_START_PATTERN);
        assertThat(entries.get(1).multiline().auto()).isTrue();
        assertThat(entries.get(1).multiline().maxLines()).isEqualTo(20);
        assertThat(entries.get(1).timestamp().regex()).isEqualTo("^[^ ]+ (?<ts>[^|]+)");
        assertThat(entries.get(2).multiline().preset()).isEqualTo("go");
        assertThat(codec.parse(codec.write(entries))).isEqualTo(entries);
        assertThat(codec.write(entries)).contains("\"multiline\" : \"python\"");
    }

    @Test
    void badTimeZonesPatternsAndPresetsAreRefusedWithTheReason() {
        CollectConfigException e = org.junit.jupiter.api.Assertions.assertThrows(CollectConfigException.class,
                () -> codec.parse("""
                        [{"path":"/a","topic":"t","time_zone":"Mars/Olympus"},
                         {"path":"/b","topic":"t","timestamp":{"pattern":"yyyy-bb"}},
                         {"path":"/c","topic":"t","timestamp":{"pattern":"HH:mm:ss"}},
                         {"path":"/d","topic":"t","timestamp":{"pattern":"yyyy","regex":"(?<x>.*)"}},
                         {"path":"/e","topic":"t","timestamp":"yyMMdd"},
                         {"path":"/f","topic":"t","multiline":"ruby"}]"""));
        assertThat(e.problems()).anyMatch(p -> p.startsWith("entry 1: 'time_zone'") && p.contains("Mars/Olympus"))
                .anyMatch(p -> p.startsWith("entry 2: 'timestamp': pattern 'yyyy-bb' is not a java.time pattern"))
                .anyMatch(p -> p.startsWith("entry 3: 'timestamp': pattern 'HH:mm:ss' must name"))
                .anyMatch(p -> p.startsWith("entry 4: 'timestamp'"))
                .anyMatch(p -> p.startsWith("entry 5: 'timestamp' must be an object"))
                .anyMatch(p -> p.startsWith("entry 6: 'multiline' must be") && p.contains("ruby"));
    }
}
