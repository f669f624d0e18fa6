package io.logagent.agent.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.logagent.core.BuildVersion;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The registry's file on disk. A write never leaves a half-written registry behind, even on kill -9 or power
 * loss: the new content goes to a temporary file that is fsynced, renamed over the old one (atomic on POSIX) and
 * the directory is fsynced so the rename itself is durable. A crash leaves either the old or the new content.
 */
final class RegistryStore {

    static final String FILE_NAME = "registry.json";
    private static final String TEMP_NAME = FILE_NAME + ".tmp";
    /** 2: offsets per collect entry ({@code entries → entry id → file id → state}); 1 had them per file only. */
    private static final int VERSION = 2;

    private final Path dir;
    private final ObjectMapper mapper;

    RegistryStore(Path dir, ObjectMapper mapper) {
        this.dir = dir;
        this.mapper = mapper.copy().disable(SerializationFeature.INDENT_OUTPUT);
    }

    Path file() {
        return dir.resolve(FILE_NAME);
    }

    boolean exists() {
        return Files.exists(file());
    }

    /**
     * The last written state; an unreadable file is fatal, since guessing would re-send or skip data. The format
     * version is looked at before anything else, so a newer format (which may have fields this version does not
     * know) is refused for what it is, with {@link RegistryVersionException}. A file without version is format 1.
     */
    Map<RegistryKey, FileState> read() throws IOException {
        if (!exists()) {
            return Map.of();
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(file().toFile());
        } catch (IOException e) {
            throw unreadable(e.getMessage(), e);
        }
        int version = tree.path("version").asInt(1);
        if (version > VERSION) {
            throw new RegistryVersionException("the registry " + file() + " has format version " + version
                    + ", written by a newer logagent; this one (" + BuildVersion.current() + ") reads format "
                    + VERSION + ". Reinstall the newer logagent, or move the file away to start over (files are then"
                    + " re-read or skipped per their 'from')");
        }
        if (version != VERSION) {
            // Format 1 (offsets per file, before entries had ids) was never released; its offsets cannot be
            // assigned to entries, so it is not converted.
            throw unreadable("format version " + version + " is not read by this logagent", null);
        }
        Document doc;
        try {
            doc = mapper.treeToValue(tree, Document.class);
        } catch (IOException e) {
            throw unreadable(e.getMessage(), e);
        }
        Map<RegistryKey, FileState> files = new HashMap<>();
        if (doc.entries() != null) {
            doc.entries().forEach((entry, byFile) -> byFile.forEach(
                    (fileId, state) -> files.put(new RegistryKey(entry, fileId), state)));
        }
        return files;
    }

    /** The format version {@link #write} writes. */
    static int formatVersion() {
        return VERSION;
    }

    private IOException unreadable(String why, Throwable cause) {
        return new IOException("cannot read the registry " + file() + ": " + why
                + " (move it away to start over, which re-reads or skips files per their 'from')", cause);
    }

    void write(Map<RegistryKey, FileState> files) throws IOException {
        Map<String, Map<String, FileState>> entries = new TreeMap<>();
        files.forEach((key, state) -> entries.computeIfAbsent(key.entryId(), e -> new TreeMap<>()).put(key.fileId(), state));
        byte[] json = mapper.writeValueAsBytes(new Document(VERSION, entries));
        Path temp = dir.resolve(TEMP_NAME);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(json);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(temp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    record Document(int version, Map<String, Map<String, FileState>> entries) {
    }
}
