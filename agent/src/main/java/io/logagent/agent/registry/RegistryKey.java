package io.logagent.agent.registry;

/**
 * Whose offset a {@link FileState} is: one collect entry's ({@link io.logagent.core.collect.CollectEntry#id()}) on
 * one file ({@code dev:inode:fingerprint}).
 */
public record RegistryKey(String entryId, String fileId) {
}
