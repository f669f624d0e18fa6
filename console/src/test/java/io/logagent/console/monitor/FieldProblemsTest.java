package io.logagent.console.monitor;

import io.logagent.core.collect.CollectConfigCodec;
import io.logagent.core.collect.CollectConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The agent codec's own messages are placed on the entry and field they are about, for the editor's form. */
class FieldProblemsTest {

    @Test
    void eachProblemOfTheAgentsCodecLandsOnItsField() {
        String bad = """
                [{"path": "relative.log", "topic": "bad topic!", "rate_limit": -5, "key": "sideways",
                  "include_lines": ["("], "fields": {"a": [1]}, "multiline": 7},
                 {"topic": "t", "colour": "red"}]""";
        CollectConfigException e = catchThrowableOfType(CollectConfigException.class, () -> new CollectConfigCodec().parse(bad));
        List<String> placed = e.problems().stream().map(p -> AllowPathsCheck.place(p, false))
                .map(p -> p.entry() + ":" + p.field()).toList();
        assertThat(placed).contains("1:path", "1:topic", "1:rate_limit", "1:key", "1:include_lines", "1:fields",
                "1:multiline", "2:path", "2:");
        assertThat(AllowPathsCheck.place("entry 2 on 10.0.0.1: path '/etc/x' is outside [agent] allow_paths [/var/log/**]", true))
                .isEqualTo(new AllowPathsCheck.FieldProblem(2, "path",
                        "path '/etc/x' is outside [agent] allow_paths [/var/log/**]", true));
        assertThat(AllowPathsCheck.place("invalid JSON: … at line 1, column 2", false).entry()).isZero();
    }
}
