package io.logagent.transfer.patterns;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The id rule: {@code pattern_id} = the first 16 hex digits (64 bits) of SHA-256 over topic, a NUL and the template
 * text. Nothing else goes in (no counter, no worker, no time), so two transfer workers, or one worker before and
 * after a restart, that arrive at the same template text give the same id without talking to each other. A
 * template that generalises (a token becoming {@code <*>}) is a new text and so gets a new id; the lines grouped
 * before keep the earlier, more specific id (see README "Log patterns").
 */
public final class PatternIds {

    private PatternIds() {
    }

    public static String of(String topic, String template) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        sha.update(topic.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        byte[] digest = sha.digest(template.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 8);
    }
}
