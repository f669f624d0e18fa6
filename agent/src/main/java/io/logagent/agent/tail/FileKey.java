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

    /** The digest of the file's first {@code length} bytes, or null if it is shorter. */
    static String fingerprint(FileChannel ch, int length) throws IOException {
        return digestAt(ch, length, length);
    }

    /** The digest of the {@code length} bytes ending at {@code end}, or null if the file ends before. */
    static String digestAt(FileChannel ch, long end, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        long from = end - length;
        while (buf.hasRemaining()) {
            if (ch.read(buf, from + buf.position()) < 0) {
                return null;
            }
        }
        return digest(buf.array(), 0, length);
    }

    /** Hex of the first 8 bytes of SHA-256: enough to tell contents apart, short in ids and the registry. */
    static String digest(byte[] bytes, int offset, int length) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(bytes, offset, length);
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The fingerprint part of a file id ({@code dev:inode:fingerprint}). */
    static String fingerprintOf(String fileId) {
        return fileId.substring(fileId.lastIndexOf(':') + 1);
    }
}
