package io.logagent.core.alert;

import java.util.List;

/** A rule that cannot be stored or evaluated; {@link #problems()} names every bad field, one message each. */
public final class AlertRuleException extends Exception {
    private final List<String> problems;

    public AlertRuleException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
