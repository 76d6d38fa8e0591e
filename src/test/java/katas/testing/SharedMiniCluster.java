package katas.testing;

import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Flink MiniCluster for the whole test JVM (parallelism 2), started by the first test that needs it
 * and closed when the run ends. During each test, {@code StreamExecutionEnvironment.getExecutionEnvironment()}
 * submits to it, with {@code pipeline.generic-types: false} so that a Kryo fallback fails loudly.
 */
public final class SharedMiniCluster implements BeforeEachCallback, AfterEachCallback {

    public static final int PARALLELISM = 2;
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedMiniCluster.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        MiniCluster cluster = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(RunningCluster.class, key -> RunningCluster.start(), RunningCluster.class)
                .cluster();
        ContextEnvironment.set(cluster);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ContextEnvironment.unset();
    }

    /** Pipeline settings every test job and harness runs with. */
    static Configuration noGenericTypes() {
        Configuration configuration = new Configuration();
        configuration.set(PipelineOptions.GENERIC_TYPES, false);
        return configuration;
    }

    private record RunningCluster(MiniCluster cluster) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        static RunningCluster start() {
            MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                    .setNumTaskManagers(1)
                    .setNumSlotsPerTaskManager(PARALLELISM)
                    .build());
            try {
                cluster.start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the Flink MiniCluster", e);
            }
            return new RunningCluster(cluster);
        }

        @Override
        public void close() throws Exception {
            cluster.close();
        }
    }

    /** Installs a context environment factory that adds the project's pipeline settings to each environment. */
    private static final class ContextEnvironment extends TestStreamEnvironment {
        private ContextEnvironment(MiniCluster cluster) {
            super(cluster, PARALLELISM);
        }

        static void set(MiniCluster cluster) {
            initializeContextEnvironment(requested -> {
                Configuration configuration = noGenericTypes();
                configuration.addAll(requested);
                return new TestStreamEnvironment(cluster, configuration, PARALLELISM, List.of(), List.of());
            });
        }

        static void unset() {
            resetContextEnvironment();
        }
    }
}
