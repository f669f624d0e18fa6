package io.logagent.core.collect;

import java.util.List;

/** A collect config that cannot be applied as a whole; {@link #problems()} lists every reason, one per entry field. */
public final class CollectConfigException extends Exception {
    private final List<String> problems;

    public CollectConfigException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
