package io.logagent.console.monitor.series;

import io.logagent.console.monitor.AgentStatuses;
import io.logagent.core.status.CollectorStatus;
import io.logagent.core.status.StatusReport;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Lines/s from the agents' lines_sent counters, each host's rate measured between two of its own reports. */
class AgentLinesProbeTest {

    static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    final Map<String, AgentStatuses.Reported> now = new TreeMap<>();
    final AgentLinesProbe probe = new AgentLinesProbe(() -> new TreeMap<>(now));

    void report(String ip, long secondsAfterT0, long... linesPerFile) {
        List<CollectorStatus.FileStatus> files = new java.util.ArrayList<>();
        for (int i = 0; i < linesPerFile.length; i++) {
            files.add(new CollectorStatus.FileStatus("/var/log/" + i + ".log", "f" + i, "ACTIVE", 0, 0, 0,
                    linesPerFile[i], 0, 0, null));
        }
        StatusReport r = new StatusReport(ip, "1", T0, 1, Map.of(), null, List.of(new CollectorStatus("/var/log/*.log",
                "t", CollectorStatus.State.RUNNING, null, files)), T0.plusSeconds(secondsAfterT0), List.of(), List.of(),
                Map.of());
        now.put(ip, new AgentStatuses.Reported(ip, r, null));
    }

    OptionalDouble sample(long secondsAfterT0) {
        return probe.sample(T0.plusSeconds(secondsAfterT0));
    }

    @Test
    void noAgentsIsZeroAndAnAgentSeenOnceHasNoRateYet() {
        assertThat(sample(0)).hasValue(0);
        report("10.0.0.1", 0, 100);
        assertThat(sample(1)).isEmpty();
    }

    @Test
    void eachHostsRateIsTakenBetweenItsOwnReportsAndSummed() {
        report("10.0.0.1", 0, 100, 50);
        report("10.0.0.2", 0, 0);
        sample(1);
        report("10.0.0.1", 10, 900, 250); // +1000 lines in 10 s of its own clock
        assertThat(sample(11)).hasValue(100);
        assertThat(sample(13)).as("no new report: the host's last rate stands").hasValue(100);
        report("10.0.0.2", 5, 300); // +300 in 5 s
        assertThat(sample(14)).hasValue(160);
        report("10.0.0.1", 20, 900); // a file rotated away: its counter went down, the previous rate stays
        assertThat(sample(21)).hasValue(160);
        now.remove("10.0.0.2"); // its lease ended
        assertThat(sample(22)).hasValue(100);
        report("10.0.0.1", 30, 900);
        assertThat(sample(31)).as("nothing shipped between two reports").hasValue(0);
    }
}
