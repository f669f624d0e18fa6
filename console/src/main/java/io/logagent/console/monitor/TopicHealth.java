package io.logagent.console.monitor;

import io.logagent.console.monitor.PipelineService.Freshness;
import io.logagent.console.monitor.PipelineService.Topic;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One verdict per topic of this pipeline: the topics the collect configs name, plus the ones the transfer has
 * indexed or committed (a topic an agent still writes after its key was deleted stays visible). A topic is
 * <b>error</b> when agents write it and no consumer group has it assigned (its lines are never searchable), or when
 * its newest indexed line is older than {@code staleError}; <b>warn</b> when older than {@code staleWarn}, or when
 * Kafka has lines of it and none is indexed. Each verdict carries its reasons as text, so the page never relies on
 * colour alone.
 */
public final class TopicHealth {

    public enum Level { OK, WARN, ERROR }

    /**
     * @param written    lines in Kafka (sum of end offsets); null when the topic does not exist (yet) or Kafka is
     *                   not monitored
     * @param consumedBy consumer groups with a member assigned to it now; null when unknown
     */
    public record Status(String topic, List<String> namedBy, Long written, List<String> consumedBy, Instant newest,
                         Long ageSeconds, Level level, List<String> problems) { }

    private final Duration staleWarn;
    private final Duration staleError;

    public TopicHealth(Duration staleWarn, Duration staleError) {
        this.staleWarn = staleWarn;
        this.staleError = staleError;
    }

    /**
     * @param kafka     the Kafka topics, or empty when Kafka is not monitored or did not answer
     * @param consumers topic → groups consuming it now, or empty when unknown
     * @param committed topics the transfer's group has offsets for
     */
    public List<Status> verdicts(Map<String, List<String>> named, Optional<List<Topic>> kafka,
                                 Optional<Map<String, List<String>>> consumers, List<String> committed,
                                 List<Freshness> freshness) {
        Map<String, Topic> topics = kafka.orElse(List.of()).stream()
                .collect(Collectors.toMap(Topic::name, Function.identity()));
        Map<String, Freshness> fresh = freshness.stream()
                .collect(Collectors.toMap(Freshness::topic, Function.identity(), (a, b) -> a));
        TreeSet<String> names = new TreeSet<>(named.keySet());
        names.addAll(fresh.keySet());
        committed.stream().filter(topics::containsKey).forEach(names::add);
        List<Status> out = new ArrayList<>();
        for (String name : names) {
            Topic t = topics.get(name);
            Long written = t == null ? null : t.partitions().stream().mapToLong(PipelineService.Partition::endOffset).sum();
            List<String> by = consumers.map(c -> c.getOrDefault(name, List.of())).orElse(null);
            Freshness f = fresh.get(name);
            List<String> problems = new ArrayList<>();
            Level level = Level.OK;
            if (written != null && written > 0 && by != null && by.isEmpty()) {
                problems.add("not consumed by any transfer: no consumer group has it assigned, its lines are not "
                        + "searchable");
                level = Level.ERROR;
            }
            if (f != null && f.ageSeconds() > staleError.toSeconds()) {
                problems.add("stale: newest line " + age(f.ageSeconds()) + " old (over " + age(staleError.toSeconds()) + ")");
                level = Level.ERROR;
            } else if (f != null && f.ageSeconds() > staleWarn.toSeconds()) {
                problems.add("stale: newest line " + age(f.ageSeconds()) + " old (over " + age(staleWarn.toSeconds()) + ")");
                level = level == Level.ERROR ? level : Level.WARN;
            } else if (f == null && written != null && written > 0 && level != Level.ERROR) {
                problems.add("lines in Kafka, none indexed yet"); // consumed, but not yet stored (or unknown)
                level = Level.WARN;
            }
            out.add(new Status(name, named.getOrDefault(name, List.of()), written, by, f == null ? null : f.newest(),
                    f == null ? null : f.ageSeconds(), level, problems));
        }
        return out;
    }

    static String age(long seconds) {
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min";
        }
        return seconds / 3600 + " h"; // whole hours, rounded down: "over 1 h" stays true
    }
}
