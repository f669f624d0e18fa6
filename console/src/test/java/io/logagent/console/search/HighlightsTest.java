package io.logagent.console.search;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.logagent.console.search.Highlights.POST;
import static io.logagent.console.search.Highlights.PRE;
import static org.assertj.core.api.Assertions.assertThat;

class HighlightsTest {

    @Test
    void markersBecomeRangesOfTheUnmarkedMessage() {
        String message = "payment failed: payment <b>x</b>";
        String marked = PRE + "payment" + POST + " failed: " + PRE + "payment" + POST + " <b>x</b>";
        assertThat(Highlights.ranges(message, marked)).containsExactly(new int[] {0, 7}, new int[] {16, 23});
    }

    @Test
    void aMessageThatItselfHoldsAMarkerGetsNoHighlightRatherThanAWrongOne() {
        String message = "odd " + PRE + " line";
        assertThat(Highlights.ranges(message, "odd " + PRE + " " + PRE + "line" + POST)).isEmpty();
        assertThat(Highlights.ranges("plain", "plain")).isEqualTo(List.of());
    }
}
