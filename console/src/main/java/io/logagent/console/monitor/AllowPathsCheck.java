package io.logagent.console.monitor;

import io.logagent.console.hosts.CollectConfigService;
import io.logagent.core.collect.CollectConfigCodec;
import io.logagent.core.collect.CollectConfigException;
import io.logagent.core.collect.CollectEntry;
import io.logagent.core.collect.PathAllowlist;
import io.logagent.core.status.StatusReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Before a save: what the agents that would receive a value will refuse. The value is checked with the agents' own
 * codec (problems: the whole value would be refused) and each entry's path against the {@code allow_paths} each
 * receiving agent reports, with the agent's own rule ({@link PathAllowlist}) (warnings: that agent would apply the
 * value in part).
 */
public final class AllowPathsCheck {

    /**
     * @param fields every problem and warning placed on its entry (1-based) and field, for the editor's form; field
     *               is empty when the message is about the whole entry, entry 0 when about the whole value
     */
    public record Result(List<String> problems, List<String> warnings, List<String> checkedHosts,
                         List<FieldProblem> fields) { }

    public record FieldProblem(int entry, String field, String message, boolean warning) { }

    /** The agent codec's "entry 3: 'rate_limit' must be …", "entry 3: path '…' must be absolute", "entry 3 on ip: …". */
    private static final Pattern WHERE = Pattern.compile("^entry (\\d+)(?: on \\S+)?: (.*)$", Pattern.DOTALL);
    private static final Pattern FIELD = Pattern.compile(
            "^(?:(path|topic) '|'([a-z_]+)'|(fields)\\.|unknown field '(multiline)\\.|missing '([a-z_]+)')");

    static FieldProblem place(String message, boolean warning) {
        Matcher m = WHERE.matcher(message);
        if (!m.matches()) {
            return new FieldProblem(0, "", message, warning);
        }
        String rest = m.group(2);
        Matcher f = FIELD.matcher(rest);
        String field = "";
        if (warning) {
            field = "path"; // allow_paths judges the path
        } else if (f.find()) {
            for (int g = 1; g <= f.groupCount(); g++) {
                if (f.group(g) != null) {
                    field = f.group(g);
                    break;
                }
            }
        }
        return new FieldProblem(Integer.parseInt(m.group(1)), field, rest, warning);
    }

    private static List<FieldProblem> placed(List<String> problems, List<String> warnings) {
        List<FieldProblem> out = new ArrayList<>();
        problems.forEach(p -> out.add(place(p, false)));
        warnings.forEach(w -> out.add(place(w, true)));
        return out;
    }

    private final CollectConfigService configs;
    private final AgentStatuses statuses;
    private final CollectConfigCodec codec;

    public AllowPathsCheck(CollectConfigService configs, AgentStatuses statuses, CollectConfigCodec codec) {
        this.configs = configs;
        this.statuses = statuses;
        this.codec = codec;
    }

    /** @param key the host's or group's config key the value is for */
    public Result check(String key, String value) {
        List<CollectEntry> entries;
        try {
            entries = codec.parse(value);
        } catch (CollectConfigException e) {
            return new Result(e.problems(), List.of(), List.of(), placed(e.problems(), List.of()));
        }
        List<String> warnings = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        for (Map.Entry<String, AgentStatuses.Reported> agent : statuses.read().entrySet()) {
            StatusReport s = agent.getValue().report();
            if (s == null || !receives(agent.getKey(), s, key)) {
                continue;
            }
            hosts.add(agent.getKey());
            if (s.allowPaths().isEmpty()) {
                continue; // an agent from before allow_paths was reported: nothing to check against
            }
            PathAllowlist allow = new PathAllowlist(s.allowPaths());
            for (int i = 0; i < entries.size(); i++) {
                int n = i + 1;
                allow.check(entries.get(i).path())
                        .ifPresent(reason -> warnings.add("entry " + n + " on " + agent.getKey() + ": " + reason));
            }
        }
        return new Result(List.of(), warnings, hosts, placed(List.of(), warnings));
    }

    private boolean receives(String ip, StatusReport s, String key) {
        return configs.groupName(key).isPresent() ? s.appliedRevisions().containsKey(key)
                : key.equals(configs.hostKey(ip));
    }
}
