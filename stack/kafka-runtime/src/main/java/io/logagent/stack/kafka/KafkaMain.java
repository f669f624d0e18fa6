package io.logagent.stack.kafka;

import io.logagent.stack.child.ChildMain;

/**
 * Entry point of the Kafka child JVM that logagent-local-stack starts: formats the KRaft storage on first use,
 * then runs {@code kafka.Kafka} in this same JVM (one JVM start instead of two).
 *
 * <p>Usage: {@code KafkaMain <server.properties> <cluster-id> [format arguments…]}, e.g. {@code --add-scram
 * SCRAM-SHA-512=[name="agent",password="…"]} to create SCRAM users with the storage (KRaft keeps them in metadata). The process also ends when its standard input
 * reaches end-of-file: the parent keeps that pipe open, so a parent that dies without running its shutdown hooks
 * (SIGKILL, crash) still takes the broker down with it instead of leaving it bound to the ports.
 */
public final class KafkaMain {
    private KafkaMain() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: KafkaMain <server.properties> <cluster-id> [format arguments...]");
            System.exit(2);
        }
        String properties = args[0];
        String clusterId = args[1];
        ChildMain.exitWhenStdinCloses("KafkaMain");
        // --ignore-formatted turns a restart on existing data into a no-op instead of an error.
        java.util.List<String> format = new java.util.ArrayList<>(
                java.util.List.of("format", "-t", clusterId, "-c", properties, "--ignore-formatted"));
        format.addAll(java.util.Arrays.asList(args).subList(2, args.length));
        int formatted = kafka.tools.StorageTool.execute(format.toArray(String[]::new), System.out);
        if (formatted != 0) {
            System.err.println("kafka storage format failed with exit code " + formatted);
            System.exit(formatted);
        }
        // Blocks until shutdown; Kafka's own shutdown hook does the controlled shutdown on SIGTERM/System.exit.
        kafka.Kafka.main(new String[] {properties});
    }
}
