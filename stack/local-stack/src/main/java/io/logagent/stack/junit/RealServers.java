package io.logagent.stack.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import io.logagent.stack.ElasticsearchServer;
import io.logagent.stack.EtcdServer;
import io.logagent.stack.KafkaServer;
import io.logagent.stack.OpenSearchServer;

/**
 * Injects real servers into tests: annotate the class with {@code @ExtendWith(RealServers.class)} and declare
 * {@link EtcdServer}, {@link KafkaServer}, {@link OpenSearchServer} or {@link ElasticsearchServer} parameters
 * (constructor, test, lifecycle and static {@code @BeforeAll} methods).
 *
 * <p>Each type is started lazily, on first request, once per test JVM: it lives in the root context's store, which
 * closes it (it is {@link AutoCloseable}) when the whole run ends. All test classes of the JVM therefore share one
 * instance; a test that stops a server must start it again before it returns. Servers use free ports and a fresh
 * directory under {@code target/real-servers/} (the build directory comes from the {@code logagent.build.dir}
 * system property that the parent POM gives surefire, else {@code ./target}).
 */
public final class RealServers implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealServers.class);
    private static final Map<Class<?>, Function<Path, ?>> STARTERS = Map.of(
            EtcdServer.class, EtcdServer::start,
            KafkaServer.class, KafkaServer::start,
            OpenSearchServer.class, OpenSearchServer::start,
            ElasticsearchServer.class, ElasticsearchServer::start);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return STARTERS.containsKey(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        // The root store's computeIfAbsent is atomic, so parallel test classes still get one server per type.
        Object server = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(type, key -> (Object) STARTERS.get(key).apply(newDirectory(key)));
        return type.cast(server);
    }

    private static Path newDirectory(Class<?> type) {
        return freshDirectory(type.getSimpleName().replace("Server", "").toLowerCase() + "-");
    }

    /**
     * A new directory under {@code target/real-servers/}, for servers a test class starts itself (e.g. an
     * {@code OpenSearchCluster} of its own).
     */
    public static Path freshDirectory(String prefix) {
        Path base = Path.of(System.getProperty("logagent.build.dir", "target"), "real-servers");
        try {
            Files.createDirectories(base);
            return Files.createTempDirectory(base.toAbsolutePath(), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory under " + base, e);
        }
    }
}
