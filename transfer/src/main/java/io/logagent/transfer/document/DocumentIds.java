package io.logagent.transfer.document;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Deterministic document ids, so a replayed record overwrites its document instead of adding a second one.
 * A line is named by where it was read ({@code host}, {@code file_id}, byte {@code offset}): the same line sent
 * twice by the agent (after a crash before its own checkpoint) keeps one id even at different Kafka offsets.
 * Records from other producers lack those headers and are named by their Kafka coordinates.
 * The id is SHA-1 of the parts (NUL-separated, with a kind prefix so the two schemes never collide),
 * base64url without padding: 27 characters.
 */
public final class DocumentIds {

    private DocumentIds() {
    }

    public static String ofLine(String host, String fileId, String offset) {
        return hash("line", host, fileId, offset);
    }

    public static String ofRecord(String topic, int partition, long offset) {
        return hash("kafka", topic, Integer.toString(partition), Long.toString(offset));
    }

    private static String hash(String... parts) {
        MessageDigest sha1 = sha1();
        for (String part : parts) {
            sha1.update(part.getBytes(StandardCharsets.UTF_8));
            sha1.update((byte) 0);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha1.digest());
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
