package io.logagent.agent.source;

import io.logagent.core.collect.CollectConfigCodec;
import io.logagent.core.collect.CollectConfigException;
import io.logagent.core.collect.CollectEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * The last config applied from etcd, kept on disk ({@code data_dir/last-config.json}, the etcd JSON format) so that
 * an agent starting while etcd is unreachable collects what it collected before instead of nothing.
 */
public final class LastConfigStore {
    private static final Logger log = LoggerFactory.getLogger(LastConfigStore.class);

    private final Path file;
    private final CollectConfigCodec codec;

    public LastConfigStore(Path file, CollectConfigCodec codec) {
        this.file = file;
        this.codec = codec;
    }

    public Path file() {
        return file;
    }

    /** Writes to a temporary file, syncs, then renames: a crash leaves the old or the new copy, never half of one. */
    public void save(List<CollectEntry> entries) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(codec.write(entries).getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Empty when there is no copy yet or it cannot be read (logged): then nothing is collected until etcd answers. */
    public Optional<List<CollectEntry>> load() {
        try {
            return Optional.of(codec.parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | CollectConfigException e) {
            log.error("cannot read the last known config {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }
}
