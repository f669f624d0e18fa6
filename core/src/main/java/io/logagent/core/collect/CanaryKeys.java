package io.logagent.core.collect;

/**
 * Where a staged rollout puts a group's next config for its canary hosts: one key per canary host below the
 * group's key, {@code <group key>/canary/<ip>}. An agent following the group runs the value of its own canary key
 * instead of the group key's while that key exists; when it is deleted (rolled back, or promoted: the value then
 * moves to the group key) the agent runs the group key's value again, whatever {@code on_key_delete} says.
 */
public final class CanaryKeys {

    private static final String CANARY = "/canary/";

    private CanaryKeys() {
    }

    public static String key(String groupKey, String ip) {
        return groupKey + CANARY + ip;
    }

    public static String prefix(String groupKey) {
        return groupKey + CANARY;
    }
}
