package io.logagent.agent.registry;

/**
 * A checkpoint of a file's content: the digest of the {@code length} bytes that end at {@code offset}. A file whose
 * bytes there have the same digest holds the same content up to {@code offset} (a copytruncate copy does); the
 * fingerprint in a file id is the checkpoint at the end of the first bytes.
 *
 * @param digest hex of the first 8 bytes of SHA-256 over those bytes
 */
public record ContentCheck(long offset, int length, String digest) {
}
