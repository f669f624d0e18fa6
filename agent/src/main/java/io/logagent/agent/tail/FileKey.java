package io.logagent.agent.tail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * A file's device and inode: what stays the same across renames. Inodes are reused after deletion, so the full
 * file id adds a fingerprint of the first bytes ({@link #fileId}).
 */
record FileKey(long dev, long ino) {

    /** Bytes covered by the fingerprint, when the file has that many. */
    static final int FINGERPRINT_BYTES = 1024;

    /** Reads the key of the file at {@code path} (follows symlinks); needs a Unix file system. */
    static FileKey of(Path path) throws IOException {
        Map<String, Object> attrs = Files.readAttributes(path, "unix:dev,ino");
        return new FileKey(((Number) attrs.get("dev")).longValue(), ((Number) attrs.get("ino")).longValue());
    }

    String devInode() {
        return dev + ":" + ino;
    }

    String fileId(String fingerprint) {
        return devInode() + ":" + fingerprint;
    }

    /** Hex of the first 8 bytes of SHA-256 over the file's first {@code length} bytes, or null if it is shorter. */
    static String fingerprint(FileChannel ch, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (ch.read(buf, buf.position()) < 0) {
                return null;
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(buf.array());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
