package io.logagent.bench.product;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Synthetic log lines of an exact byte length (newline included) that look like application logs, so lz4 sees
 * realistic redundancy rather than one repeated payload. Seeded: every run writes the same bytes.
 */
public final class LogLines {
    private static final String[] LEVELS = {"INFO ", "INFO ", "INFO ", "DEBUG", "WARN ", "ERROR"};
    private static final String[] PATHS = {"/api/v1/items", "/api/v1/orders", "/login", "/api/v2/search", "/health"};
    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final SplittableRandom random = new SplittableRandom(42);
    private final int lineBytes;

    /** @param lineBytes length of a line including its newline; at least 100 */
    public LogLines(int lineBytes) {
        this.lineBytes = lineBytes;
    }

    /** One line (with its newline) carrying {@code seq}; {@code prefix} goes first (e.g. a timestamp). */
    public byte[] line(String prefix, long seq) {
        StringBuilder b = new StringBuilder(lineBytes);
        b.append(prefix).append(LEVELS[random.nextInt(LEVELS.length)]).append(" [worker-").append(random.nextInt(16))
                .append("] io.example.Service - seq=").append(seq).append(" user=u").append(random.nextInt(100_000))
                .append(" path=").append(PATHS[random.nextInt(PATHS.length)]).append('/').append(random.nextInt(10_000))
                .append(" status=").append(random.nextInt(10) == 0 ? 500 : 200).append(" took=")
                .append(random.nextInt(2000)).append("ms msg=");
        while (b.length() < lineBytes - 1) {
            b.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        b.setLength(lineBytes - 1);
        b.append('\n');
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes {@code count} lines to {@code file} (replacing it). */
    public void writeFile(Path file, long count) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (long i = 0; i < count; i++) {
                out.write(line("2026-11-30T06:00:00.000Z ", i));
            }
        }
    }
}
