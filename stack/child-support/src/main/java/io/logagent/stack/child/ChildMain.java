package io.logagent.stack.child;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The life of a server child JVM: it runs until standard input closes or it gets SIGTERM. Watching standard input
 * matters because the parent keeps that pipe open: a parent that dies without running its shutdown hooks
 * (SIGKILL, crash) still takes the server down instead of leaving it bound to its ports.
 */
public final class ChildMain {
    /** Bounded: a server that cannot close in time must not keep the JVM alive; the parent kills it anyway. */
    private static final int CLOSE_TIMEOUT_SECONDS = 25;

    private ChildMain() {
    }

    /** A server that can be closed, e.g. a search node runner. */
    @FunctionalInterface
    public interface Server {
        void close() throws Exception;
    }

    /** {@code --name value} pairs; exits with status 2 and {@code usage} when one of {@code required} is missing. */
    public static Map<String, String> options(String[] args, String usage, String... required) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        for (String name : required) {
            if (!options.containsKey(name)) {
                System.err.println("missing " + name + "; usage: " + usage);
                System.exit(2);
            }
        }
        return options;
    }

    /**
     * Closes {@code server} on SIGTERM or when standard input closes, whichever comes first, then exits. SIGTERM
     * (shutdown hook) and end of input usually arrive together, since Process.destroy() also closes the pipe: the
     * first caller closes the server, the other waits for it, so the JVM never halts halfway through a close.
     * Call it once the server runs; it does not return.
     */
    public static void runUntilStopped(String name, Server server) {
        CountDownLatch closed = new CountDownLatch(1);
        AtomicBoolean closing = new AtomicBoolean();
        Runnable close = () -> {
            if (!closing.compareAndSet(false, true)) {
                awaitQuietly(closed);
                return;
            }
            try {
                server.close();
            } catch (Exception e) {
                e.printStackTrace(); // stderr goes to the server's log file, read by the parent on failures
            } finally {
                closed.countDown();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(close, name + "-shutdown"));
        awaitStdinEof();
        System.out.println(name + ": standard input closed, shutting down");
        close.run();
        System.exit(0);
    }

    /** Exits the JVM (running its shutdown hooks) once standard input closes; for servers whose main blocks. */
    public static void exitWhenStdinCloses(String name) {
        Thread watcher = new Thread(() -> {
            awaitStdinEof();
            System.out.println(name + ": standard input closed (stopped by the parent, or the parent is gone), "
                    + "shutting down");
            System.exit(0);
        }, name + "-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void awaitStdinEof() {
        try (InputStream in = System.in) {
            byte[] buffer = new byte[256];
            while (in.read(buffer) >= 0) {
                // The parent never writes; anything read is ignored.
            }
        } catch (IOException e) {
            // A broken pipe means the same as end-of-file: the parent is gone.
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
