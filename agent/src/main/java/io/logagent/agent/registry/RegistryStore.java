package io.logagent.agent.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
    private static final int VERSION = 1;

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

    /** The last written state; an unreadable file is fatal, since guessing would re-send or skip data. */
    Map<String, FileState> read() throws IOException {
        if (!exists()) {
            return Map.of();
        }
        try {
            Document doc = mapper.readValue(file().toFile(), Document.class);
            if (doc.version() != VERSION) {
                throw new IOException("unsupported registry version " + doc.version() + " in " + file());
            }
            return doc.files() == null ? Map.of() : doc.files();
        } catch (IOException e) {
            throw new IOException("cannot read the registry " + file() + ": " + e.getMessage()
                    + " (move it away to start over, which re-reads or skips files per their 'from')", e);
        }
    }

    void write(Map<String, FileState> files) throws IOException {
        byte[] json = mapper.writeValueAsBytes(new Document(VERSION, new TreeMap<>(files)));
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

    record Document(int version, Map<String, FileState> files) {
    }
}
