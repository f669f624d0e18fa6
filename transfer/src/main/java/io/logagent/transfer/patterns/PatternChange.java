package io.logagent.transfer.patterns;

/**
 * A template created or generalised. {@code previousId} is the id the template had before it generalised (null for
 * a new one): documents indexed earlier carry that id, so the store keeps the link {@code previousId → id} and the
 * console counts both under the newer template.
 */
public record PatternChange(String topic, PatternMatch match, String previousId) {
}
