/**
 * Real etcd, Kafka and OpenSearch servers as child processes, for the demo and for tests.
 *
 * <p>Each server starts on free 127.0.0.1 ports with its own data directory, and its start method returns only
 * once a real request succeeded: {@link io.logagent.stack.EtcdServer#start(java.nio.file.Path)},
 * {@link io.logagent.stack.KafkaServer#start(java.nio.file.Path)},
 * {@link io.logagent.stack.OpenSearchServer#start(java.nio.file.Path)}, or all three at once with
 * {@link io.logagent.stack.LocalStack#start(java.nio.file.Path)}. For compatibility tests only,
 * {@link io.logagent.stack.ElasticsearchServer#start(java.nio.file.Path)} runs Elasticsearch 7.10.2 the same way
 * (it is not part of LocalStack). {@code stop()} then {@code start()} (or {@code restart()}) brings a server back on the same ports with the same data. Child output goes to
 * {@code <dataDir>/<name>.log}, never to this JVM's stdout.
 *
 * <p>Kafka, OpenSearch and Elasticsearch run in child JVMs (the java of this JVM, or
 * {@code -Dlogagent.stack.java=/path/to/bin/java}) whose classpaths are read from the logagent-kafka-runtime,
 * logagent-opensearch-runtime and logagent-elasticsearch-runtime jars, so none of their classes are on this
 * classpath. No child outlives this JVM: a shutdown hook stops them, and if this JVM is killed outright they notice their
 * standard input closing and exit.
 *
 * <p>Tests use {@link io.logagent.stack.junit.RealServers}.
 */
package io.logagent.stack;
