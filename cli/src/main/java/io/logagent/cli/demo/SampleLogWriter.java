package io.logagent.cli.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;

/**
 * Writes realistic sample logs for the demo at a steady rate: an nginx access log, an application log with
 * Java stack traces (multi-line events) and a worker writing JSON lines. Each goes to its own topic.
 */
public final class SampleLogWriter {
    private static final Logger log = LoggerFactory.getLogger(SampleLogWriter.class);
    private static final DateTimeFormatter NGINX = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);
    private static final DateTimeFormatter LOGBACK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
    private static final String[] PATHS = {"/", "/api/orders", "/api/users/42", "/login", "/static/app.js", "/search?q=kafka"};
    private static final String[] LEVELS = {"INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"};

    private final Path dir;
    private final Clock clock;
    private final int linesPerSecond;
    private final Random random = new Random(42);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running;
    private Thread thread;

    public SampleLogWriter(Path dir, Clock clock, int linesPerSecond) {
        this.dir = dir;
        this.clock = clock;
        this.linesPerSecond = linesPerSecond;
    }

    public Path accessLog() {
        return dir.resolve("nginx/access.log");
    }

    public Path appLog() {
        return dir.resolve("app/app.log");
    }

    public Path workerLog() {
        return dir.resolve("app/worker.log");
    }

    public void start() throws IOException {
        Files.createDirectories(accessLog().getParent());
        Files.createDirectories(appLog().getParent());
        running = true;
        thread = new Thread(this::run, "demo-sample-log-writer");
        thread.setDaemon(true);
        thread.start();
    }

    public void stop() {
        running = false;
    }

    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return thread == null || stopped.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void run() {
        try (OutputStream access = open(accessLog()); OutputStream app = open(appLog()); OutputStream worker = open(workerLog())) {
            long sleepMs = Math.max(1, 1000L / Math.max(1, linesPerSecond));
            long n = 0;
            while (running) {
                switch ((int) (n++ % 3)) {
                    case 0 -> write(access, accessLine());
                    case 1 -> write(app, appEvent(n));
                    default -> write(worker, workerLine(n));
                }
                Thread.sleep(sleepMs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            log.error("sample log writer stopped: cannot write under {}", dir, e);
        } finally {
            stopped.countDown();
        }
    }

    private static OutputStream open(Path p) throws IOException {
        return Files.newOutputStream(p, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private String accessLine() {
        int status = random.nextInt(20) == 0 ? 500 : random.nextInt(8) == 0 ? 404 : 200;
        return "10.1.%d.%d - - [%s] \"GET %s HTTP/1.1\" %d %d \"-\" \"Mozilla/5.0\"\n".formatted(
                random.nextInt(255), random.nextInt(255), NGINX.format(clock.instant().atZone(ZoneOffset.UTC)),
                PATHS[random.nextInt(PATHS.length)], status, 200 + random.nextInt(5000));
    }

    private String appEvent(long n) {
        String ts = LOGBACK.format(clock.instant().atZone(ZoneOffset.UTC));
        String level = LEVELS[random.nextInt(LEVELS.length)];
        if (level.equals("ERROR")) {
            return ts + " ERROR [http-nio-8080-exec-" + (n % 8) + "] c.e.shop.OrderService - order " + n + " failed\n"
                    + "java.lang.IllegalStateException: payment declined for order " + n + "\n"
                    + "\tat com.example.shop.OrderService.pay(OrderService.java:87)\n"
                    + "\tat com.example.shop.OrderController.checkout(OrderController.java:41)\n"
                    + "Caused by: java.net.SocketTimeoutException: Read timed out\n"
                    + "\tat java.base/java.net.SocketInputStream.read(SocketInputStream.java:168)\n"
                    + "\t... 12 more\n";
        }
        return ts + " " + level + " [main] c.e.shop.OrderService - processed order " + n + " in "
                + random.nextInt(300) + " ms\n";
    }

    private String workerLine(long n) {
        return "{\"ts\":\"%s\",\"level\":\"%s\",\"job\":\"resize-%d\",\"duration_ms\":%d}\n".formatted(
                clock.instant(), LEVELS[random.nextInt(LEVELS.length)], n, random.nextInt(2000));
    }
}
